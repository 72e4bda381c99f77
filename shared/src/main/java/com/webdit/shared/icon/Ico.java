package com.webdit.shared.icon;

/**
 * A Windows icon (.ico) whose images are PNG files, the form browsers and Windows since Vista
 * read. Used by the server ({@code /api/favicon.ico}) and the demo's favicon pack alike. Written
 * here because the format is three little-endian structs and no maintained library covers both
 * the JVM and GWT; the tests decode the result with TwelveMonkeys' independent ICO reader:
 * <pre>
 *   ICONDIR       reserved u16 = 0, type u16 = 1 (icon), count u16
 *   ICONDIRENTRY  per image: width u8, height u8 (0 = 256), colours u8 = 0, reserved u8 = 0,
 *                 planes u16 = 1, bits per pixel u16 = 32, bytes u32, offset u32
 *   the PNG files, in entry order
 * </pre>
 */
public final class Ico {
  public static final int HEADER_BYTES = 6;
  public static final int ENTRY_BYTES = 16;
  public static final int MAX_SIZE = 256;

  private Ico() {}

  /** sizes[i] is the side of the square PNG pngs[i]. */
  public static byte[] write(int[] sizes, byte[][] pngs) {
    if (sizes.length != pngs.length || sizes.length == 0 || sizes.length > 0xFFFF) {
      throw new IllegalArgumentException("an icon holds 1 to 65535 images, each with a size; got " + sizes.length
          + " sizes and " + pngs.length + " images");
    }
    int total = HEADER_BYTES + ENTRY_BYTES * sizes.length;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 1 || sizes[i] > MAX_SIZE) {
        throw new IllegalArgumentException("icon images are 1 to " + MAX_SIZE + " pixels square, got " + sizes[i]);
      }
      total += pngs[i].length;
    }
    byte[] out = new byte[total];
    Bytes.le16(out, 0, 0);
    Bytes.le16(out, 2, 1);
    Bytes.le16(out, 4, sizes.length);
    int offset = HEADER_BYTES + ENTRY_BYTES * sizes.length;
    for (int i = 0; i < sizes.length; i++) {
      int e = HEADER_BYTES + ENTRY_BYTES * i;
      int side = sizes[i] == MAX_SIZE ? 0 : sizes[i];
      out[e] = (byte) side;
      out[e + 1] = (byte) side;
      Bytes.le16(out, e + 4, 1);
      Bytes.le16(out, e + 6, 32);
      Bytes.le32(out, e + 8, pngs[i].length);
      Bytes.le32(out, e + 12, offset);
      System.arraycopy(pngs[i], 0, out, offset, pngs[i].length);
      offset += pngs[i].length;
    }
    return out;
  }
}
