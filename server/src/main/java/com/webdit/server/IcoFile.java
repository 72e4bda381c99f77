package com.webdit.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A Windows icon (.ico) whose images are PNG files, the form browsers and Windows since Vista read:
 * {@code /api/favicon.ico} for sites that want a static icon and no script. Written here because
 * the format is three little-endian structs (no maintained Java library writes it; the test decodes
 * the result with TwelveMonkeys' independent ICO reader):
 * <pre>
 *   ICONDIR       reserved u16 = 0, type u16 = 1 (icon), count u16
 *   ICONDIRENTRY  per image: width u8, height u8 (0 = 256), colours u8 = 0, reserved u8 = 0,
 *                 planes u16 = 1, bits per pixel u16 = 32, bytes u32, offset u32
 *   the PNG files, in entry order
 * </pre>
 */
final class IcoFile {
  static final int HEADER_BYTES = 6;
  static final int ENTRY_BYTES = 16;
  static final int MAX_SIZE = 256;

  /** One image of the icon: its side in pixels and its PNG bytes (square, RGBA). */
  record Entry(int size, byte[] png) {
    Entry {
      if (size < 1 || size > MAX_SIZE) {
        throw new IllegalArgumentException("icon images are 1 to " + MAX_SIZE + " pixels square, got " + size);
      }
    }
  }

  private IcoFile() {}

  static byte[] write(List<Entry> entries) {
    if (entries.isEmpty() || entries.size() > 0xFFFF) {
      throw new IllegalArgumentException("an icon holds 1 to 65535 images, got " + entries.size());
    }
    int offset = HEADER_BYTES + ENTRY_BYTES * entries.size();
    ByteBuffer head = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
    head.putShort((short) 0).putShort((short) 1).putShort((short) entries.size());
    for (Entry e : entries) {
      int side = e.size() == MAX_SIZE ? 0 : e.size();
      head.put((byte) side).put((byte) side).put((byte) 0).put((byte) 0);
      head.putShort((short) 1).putShort((short) 32);
      head.putInt(e.png().length).putInt(offset);
      offset += e.png().length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(offset);
    out.writeBytes(head.array());
    for (Entry e : entries) {
      out.writeBytes(e.png());
    }
    return out.toByteArray();
  }
}
