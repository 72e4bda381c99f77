package com.webdit.shared.icon;

/**
 * Other sizes of a favicon, on packed ARGB pixels (one int per pixel, row-major, straight alpha).
 * Downscaling averages each k x k block in premultiplied alpha: every source pixel counts once, and
 * transparent pixels do not darken the edges as a straight-alpha average would. Upscaling is
 * nearest-neighbour by a whole factor (pixel art stays crisp), centred on an opaque background, as
 * iOS wants for apple-touch-icon.png.
 */
public final class IconPixels {
  private IconPixels() {}

  /** A side x side image scaled down to size, which must divide side. */
  public static int[] downscale(int[] argb, int side, int size) {
    check(argb, side);
    if (size < 1 || side % size != 0) {
      throw new IllegalArgumentException("can only box-downscale by an integer factor: " + side + " -> " + size);
    }
    int k = side / size;
    int[] out = new int[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        long a = 0;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int dy = 0; dy < k; dy++) {
          for (int dx = 0; dx < k; dx++) {
            int p = argb[(y * k + dy) * side + x * k + dx];
            int pa = p >>> 24;
            a += pa;
            r += (long) ((p >> 16) & 0xff) * pa;
            g += (long) ((p >> 8) & 0xff) * pa;
            b += (long) (p & 0xff) * pa;
          }
        }
        int outA = (int) Math.round((double) a / (k * k));
        int pixel = outA << 24;
        if (a > 0) {
          // Un-premultiply: sum(c * a) / sum(a).
          pixel |= (int) Math.round((double) r / a) << 16 | (int) Math.round((double) g / a) << 8
              | (int) Math.round((double) b / a);
        }
        out[y * size + x] = pixel;
      }
    }
    return out;
  }

  /**
   * A side x side image scaled up by the largest whole factor that fits in size x size (nearest
   * neighbour, so every source pixel becomes an equal square), centred, composited over opaque rgb.
   */
  public static int[] upscaleOnto(int[] argb, int side, int size, int rgb) {
    check(argb, side);
    int k = size / side;
    if (k < 1) {
      throw new IllegalArgumentException("upscale to " + size + " from " + side);
    }
    int margin = (size - side * k) / 2;
    int[] out = new int[size * size];
    java.util.Arrays.fill(out, 0xff000000 | rgb);
    int br = (rgb >> 16) & 0xff;
    int bg = (rgb >> 8) & 0xff;
    int bb = rgb & 0xff;
    for (int y = 0; y < side * k; y++) {
      for (int x = 0; x < side * k; x++) {
        int p = argb[(y / k) * side + x / k];
        int a = p >>> 24;
        int r = (((p >> 16) & 0xff) * a + br * (255 - a) + 127) / 255;
        int g = (((p >> 8) & 0xff) * a + bg * (255 - a) + 127) / 255;
        int b = ((p & 0xff) * a + bb * (255 - a) + 127) / 255;
        out[(y + margin) * size + x + margin] = 0xff000000 | r << 16 | g << 8 | b;
      }
    }
    return out;
  }

  private static void check(int[] argb, int side) {
    if (side < 1 || argb.length != side * side) {
      throw new IllegalArgumentException(argb.length + " pixels is not a " + side + " x " + side + " image");
    }
  }
}
