package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twelvemonkeys.imageio.plugins.bmp.ICOImageReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's favicon pack as the browser builds it (PNGs from Chromium's canvas encoder, ICO and
 * ZIP from shared code compiled by GWT), read back here with java.util.zip, TwelveMonkeys' ICO
 * reader and ImageIO.
 */
class FaviconPackPageTest {
  static BrowserSession session;

  @BeforeAll
  static void start() {
    session = BrowserSession.start(true).onKernelTestPage();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  /** The page's fixed pattern (KernelTests.faviconPack): x < 4 transparent, the rest opaque. */
  static int expected(int x, int y) {
    return x < 4 ? 0 : 0xff000000 | (x * 8) << 16 | (y * 8) << 8 | (x + y) * 4;
  }

  @Test
  void everyFileDecodesAtItsSize() throws Exception {
    byte[] zip = Base64.getDecoder().decode(session.harness("faviconPack", "{}"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    assertEquals(List.of("favicon.ico", "favicon-32.png", "favicon-16.png", "apple-touch-icon.png", "favicon.html"),
        List.copyOf(files.keySet()));

    BufferedImage png32 = ImageIO.read(new ByteArrayInputStream(files.get("favicon-32.png")));
    assertEquals(32, png32.getWidth());
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int want = expected(x, y);
        int got = png32.getRGB(x, y);
        assertEquals(want >>> 24, got >>> 24, "alpha at " + x + "," + y);
        if (want >>> 24 == 0xff) {
          assertEquals(Integer.toHexString(want), Integer.toHexString(got), "opaque pixel " + x + "," + y);
        }
      }
    }
    assertEquals(16, ImageIO.read(new ByteArrayInputStream(files.get("favicon-16.png"))).getWidth());
    BufferedImage touch = ImageIO.read(new ByteArrayInputStream(files.get("apple-touch-icon.png")));
    assertEquals(180, touch.getWidth());
    assertEquals(180, touch.getHeight());
    assertEquals(0xffffffff, touch.getRGB(0, 0), "opaque white margin");

    ICOImageReader reader = new ICOImageReader();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(files.get("favicon.ico")))) {
      reader.setInput(in);
      assertEquals(2, reader.getNumImages(true));
      assertEquals(16, reader.read(0).getWidth());
      assertEquals(32, reader.read(1).getWidth());
    } finally {
      reader.dispose();
    }
  }
}
