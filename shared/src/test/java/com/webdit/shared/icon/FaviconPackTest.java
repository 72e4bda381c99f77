package com.webdit.shared.icon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.twelvemonkeys.imageio.plugins.bmp.ICOImageReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * Ico, Zip, IconPixels and the pack, read back with decoders that are not ours: java.util.zip,
 * TwelveMonkeys' ICO reader and ImageIO's PNG reader.
 */
class FaviconPackTest {
  static final FaviconPack.PngEncoder PNG = (argb, side) -> {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, side, side, argb, 0, side);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  };

  static int[] pattern(int side) {
    int[] p = new int[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        p[y * side + x] = ((x * 8) & 0xff) << 24 | (x * 7 & 0xff) << 16 | (y * 5 & 0xff) << 8 | ((x + y) * 3 & 0xff);
      }
    }
    return p;
  }

  static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  static void assertSamePixels(int[] want, int[] got) {
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      if ((want[i] >>> 24) != 0 || (got[i] >>> 24) != 0) { // fully transparent pixels carry no colour
        assertEquals(Integer.toHexString(want[i]), Integer.toHexString(got[i]), "pixel " + i);
      }
    }
  }

  static BufferedImage[] decodeIco(byte[] ico) throws Exception {
    ICOImageReader reader = new ICOImageReader();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(ico))) {
      reader.setInput(in);
      BufferedImage[] out = new BufferedImage[reader.getNumImages(true)];
      for (int i = 0; i < out.length; i++) {
        out[i] = reader.read(i);
      }
      return out;
    } finally {
      reader.dispose();
    }
  }

  static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        CRC32 crc = new CRC32();
        crc.update(data);
        assertEquals(crc.getValue(), e.getCrc(), e.getName() + ": CRC-32");
        files.put(e.getName(), data);
      }
    }
    return files;
  }

  @Test
  void icoImagesReadBackLosslesslyWithAnIndependentDecoder() throws Exception {
    int[] big = pattern(32);
    int[] small = IconPixels.downscale(big, 32, 16);
    BufferedImage[] images = decodeIco(Ico.write(new int[] {16, 32}, new byte[][] {PNG.encode(small, 16), PNG.encode(big, 32)}));
    assertEquals(2, images.length);
    assertSamePixels(small, pixels(images[0]));
    assertSamePixels(big, pixels(images[1]));
    byte[] ico256 = Ico.write(new int[] {256}, new byte[][] {PNG.encode(pattern(256), 256)});
    assertEquals(0, ico256[6], "width byte 0 means 256");
    assertEquals(256, decodeIco(ico256)[0].getWidth());
    assertThrows(IllegalArgumentException.class, () -> Ico.write(new int[] {257}, new byte[][] {new byte[0]}));
    assertThrows(IllegalArgumentException.class, () -> Ico.write(new int[0], new byte[0][]));
  }

  @Test
  void downscaleAveragesInPremultipliedAlpha() {
    int[] src = {0xFFFF0000, 0, 0, 0}; // opaque red and three transparent black pixels
    // Straight-alpha averaging would give a quarter-red colour: a dark fringe on every icon edge.
    assertArrayEquals(new int[] {0x40FF0000}, IconPixels.downscale(src, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> IconPixels.downscale(pattern(32), 32, 12));
  }

  @Test
  void touchIconIsWholePixelSquaresCentredOnOpaqueWhite() {
    int[] src = new int[16];
    java.util.Arrays.fill(src, 0xFF00FF00);
    src[0] = 0xFF000000;  // (0, 0) opaque black
    src[1] = 0x00000000;  // (1, 0) transparent
    src[4] = 0x80FF0000;  // (0, 1) half-transparent red
    int[] out = IconPixels.upscaleOnto(src, 4, 11, 0xFFFFFF); // factor 2: 8 px, margin 1
    assertEquals(0xFFFFFFFF, out[0], "margin is the background");
    assertEquals(0xFF000000, out[11 + 1], "opaque black stays");
    assertEquals(0xFF000000, out[2 * 11 + 2], "a 2 x 2 square per source pixel");
    assertEquals(0xFFFFFFFF, out[11 + 3], "transparent becomes the background");
    assertEquals(0xFFFF7F7F, out[3 * 11 + 1], "half-transparent red over white");
    assertEquals(0xFFFFFFFF, out[10 * 11 + 10], "the far margin too");
    assertEquals(180 / 32, 5, "the shipped 32 px favicon becomes 5 x 5 squares in 180 px");
  }

  @Test
  void zipIsReadByJavaUtilZipWithCrcsAndUtf8Names() throws Exception {
    byte[] empty = new byte[0];
    byte[] text = "favicon ✓".getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> files = unzip(Zip.stored(new String[] {"a.txt", "dir/ü.bin", "empty"},
        new byte[][] {text, {1, 2, 3, (byte) 0xff}, empty}));
    assertEquals(List.of("a.txt", "dir/ü.bin", "empty"), List.copyOf(files.keySet()));
    assertArrayEquals(text, files.get("a.txt"));
    assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, files.get("dir/ü.bin"));
    assertArrayEquals(empty, files.get("empty"));
  }

  @Test
  void packHoldsEveryFileAtItsSize() throws Exception {
    int[] favicon = pattern(32);
    Map<String, byte[]> files = unzip(FaviconPack.zip(favicon, PNG));
    assertEquals(List.of("favicon.ico", "favicon-32.png", "favicon-16.png", "apple-touch-icon.png", "favicon.html"),
        List.copyOf(files.keySet()));
    BufferedImage[] ico = decodeIco(files.get("favicon.ico"));
    assertEquals(16, ico[0].getWidth());
    assertEquals(32, ico[1].getWidth());
    assertSamePixels(favicon, pixels(ImageIO.read(new ByteArrayInputStream(files.get("favicon-32.png")))));
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(files.get("favicon-16.png")));
    assertEquals(16, small.getWidth());
    assertSamePixels(IconPixels.downscale(favicon, 32, 16), pixels(small));
    BufferedImage touch = ImageIO.read(new ByteArrayInputStream(files.get("apple-touch-icon.png")));
    assertEquals(180, touch.getWidth());
    assertEquals(180, touch.getHeight());
    for (int p : pixels(touch)) {
      assertEquals(0xff, p >>> 24, "apple-touch-icon is opaque");
    }
    assertEquals(FaviconPack.LINKS, new String(files.get("favicon.html"), StandardCharsets.UTF_8));
    assertArrayEquals(FaviconPack.zip(favicon, PNG), FaviconPack.zip(favicon, PNG), "same icon, same bytes");
  }
}
