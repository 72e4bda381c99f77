package com.webdit.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Other sizes of a rendered favicon. Downscaling averages each k x k block in premultiplied alpha
 * (a box filter: every source pixel counts once, and transparent pixels do not darken the edges
 * as a straight-alpha average would).
 */
final class IconSizes {
  private IconSizes() {}

  static BufferedImage decodePng(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("not a PNG image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] encodePng(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A square image scaled down to {@code size}, which must divide its side. */
  static BufferedImage downscale(BufferedImage src, int size) {
    int side = src.getWidth();
    if (src.getHeight() != side || size < 1 || side % size != 0) {
      throw new IllegalArgumentException("can only box-downscale a square image by an integer factor: "
          + src.getWidth() + "x" + src.getHeight() + " -> " + size);
    }
    int k = side / size;
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        long a = 0;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int dy = 0; dy < k; dy++) {
          for (int dx = 0; dx < k; dx++) {
            int p = src.getRGB(x * k + dx, y * k + dy);
            int pa = p >>> 24;
            a += pa;
            r += (long) ((p >> 16) & 0xff) * pa;
            g += (long) ((p >> 8) & 0xff) * pa;
            b += (long) (p & 0xff) * pa;
          }
        }
        int n = k * k;
        int outA = (int) Math.round((double) a / n);
        int argb = outA << 24;
        if (a > 0) {
          // Un-premultiply: sum(c * a) / sum(a).
          argb |= (int) Math.round((double) r / a) << 16 | (int) Math.round((double) g / a) << 8
              | (int) Math.round((double) b / a);
        }
        out.setRGB(x, y, argb);
      }
    }
    return out;
  }
}
