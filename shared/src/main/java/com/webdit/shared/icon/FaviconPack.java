package com.webdit.shared.icon;

/**
 * The "Download" favicon pack: a zip with everything a site needs for one favicon, built from the
 * model's 32 x 32 image wherever it runs (the demo page in the browser, tests in the JVM):
 * <pre>
 *   favicon.ico            16 and 32 px, PNG entries
 *   favicon-32.png         the image as generated
 *   favicon-16.png         premultiplied box-filter downscale
 *   apple-touch-icon.png   180 x 180: 5x nearest-neighbour, centred on an opaque background (iOS
 *                          shows transparency as black)
 *   favicon.html           the link tags to paste into the page's head
 * </pre>
 */
public final class FaviconPack {
  public static final int SIDE = com.webdit.shared.product.Limits.ICON_SIZE;
  public static final int SMALL = 16;
  public static final int TOUCH = 180;
  public static final int TOUCH_BACKGROUND = 0xFFFFFF;
  public static final String LINKS = "<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">\n"
      + "<link rel=\"icon\" type=\"image/png\" sizes=\"32x32\" href=\"/favicon-32.png\">\n"
      + "<link rel=\"icon\" type=\"image/png\" sizes=\"16x16\" href=\"/favicon-16.png\">\n"
      + "<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">\n";

  /** PNG encoding is the platform's: a canvas in the browser, ImageIO in the JVM. */
  public interface PngEncoder {
    byte[] encode(int[] argb, int side);
  }

  private FaviconPack() {}

  /** argb: the 32 x 32 favicon, one packed straight-alpha ARGB int per pixel, row-major. */
  public static byte[] zip(int[] argb, PngEncoder png) {
    if (argb.length != SIDE * SIDE) {
      throw new IllegalArgumentException("the pack is made from a " + SIDE + " x " + SIDE + " image, got "
          + argb.length + " pixels");
    }
    byte[] png32 = png.encode(argb, SIDE);
    byte[] png16 = png.encode(IconPixels.downscale(argb, SIDE, SMALL), SMALL);
    byte[] touch = png.encode(IconPixels.upscaleOnto(argb, SIDE, TOUCH, TOUCH_BACKGROUND), TOUCH);
    byte[] ico = Ico.write(new int[] {SMALL, SIDE}, new byte[][] {png16, png32});
    return Zip.stored(
        new String[] {"favicon.ico", "favicon-32.png", "favicon-16.png", "apple-touch-icon.png", "favicon.html"},
        new byte[][] {ico, png32, png16, touch, com.webdit.shared.json.Utf8.encode(LINKS)});
  }
}
