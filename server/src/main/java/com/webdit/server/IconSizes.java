package com.webdit.server;

import com.webdit.shared.icon.FaviconPack;
import com.webdit.shared.icon.IconPixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG in and out of shared's pixel arrays (IconPixels, FaviconPack) with ImageIO. */
final class IconSizes {
  static final FaviconPack.PngEncoder PNG = IconSizes::encodePng;

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

  static int[] argb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  static byte[] encodePng(int[] argb, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, side, side, argb, 0, side);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The PNG's image box-filtered down to size (see IconPixels.downscale), as PNG. */
  static byte[] downscalePng(byte[] png, int size) {
    BufferedImage image = decodePng(png);
    if (image.getWidth() != image.getHeight()) {
      throw new IllegalArgumentException("favicons are square, got " + image.getWidth() + "x" + image.getHeight());
    }
    return encodePng(IconPixels.downscale(argb(image), image.getWidth(), size), size);
  }
}
