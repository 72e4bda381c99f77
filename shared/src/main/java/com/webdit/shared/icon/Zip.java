package com.webdit.shared.icon;

/**
 * A ZIP archive of stored (uncompressed) entries: the favicon pack's files are PNGs and an ICO of
 * PNGs, already compressed, so deflate would save nothing. Written here because the browser has no
 * zip writer (CompressionStream makes deflate streams, not archives) and GWT has no java.util.zip;
 * the tests read the archives with java.util.zip. Layout (APPNOTE 6.3): per file a local header
 * and the bytes, then the central directory and its end record; CRC-32 per file; names in UTF-8
 * (flag bit 11); a fixed timestamp (1980-01-01) so the same icons give the same bytes.
 */
public final class Zip {
  private static final int[] CRC_TABLE = crcTable();

  private Zip() {}

  public static byte[] stored(String[] names, byte[][] contents) {
    if (names.length != contents.length || names.length > 0xFFFF) {
      throw new IllegalArgumentException("zip: " + names.length + " names for " + contents.length + " files");
    }
    byte[][] nameBytes = new byte[names.length][];
    int[] crcs = new int[names.length];
    int[] offsets = new int[names.length];
    int size = 22;
    for (int i = 0; i < names.length; i++) {
      nameBytes[i] = utf8(names[i]);
      crcs[i] = crc32(contents[i]);
      size += 30 + nameBytes[i].length + contents[i].length + 46 + nameBytes[i].length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (int i = 0; i < names.length; i++) {
      offsets[i] = at;
      Bytes.le32(out, at, 0x04034b50);
      Bytes.le16(out, at + 4, 20);              // version needed: 2.0
      Bytes.le16(out, at + 6, 0x0800);          // UTF-8 names
      Bytes.le16(out, at + 8, 0);               // stored
      Bytes.le16(out, at + 10, 0);              // time 00:00
      Bytes.le16(out, at + 12, (0 << 9) | (1 << 5) | 1); // date 1980-01-01
      Bytes.le32(out, at + 14, crcs[i]);
      Bytes.le32(out, at + 18, contents[i].length);
      Bytes.le32(out, at + 22, contents[i].length);
      Bytes.le16(out, at + 26, nameBytes[i].length);
      Bytes.le16(out, at + 28, 0);
      System.arraycopy(nameBytes[i], 0, out, at + 30, nameBytes[i].length);
      at += 30 + nameBytes[i].length;
      System.arraycopy(contents[i], 0, out, at, contents[i].length);
      at += contents[i].length;
    }
    int directory = at;
    for (int i = 0; i < names.length; i++) {
      Bytes.le32(out, at, 0x02014b50);
      Bytes.le16(out, at + 4, 20);              // made by: 2.0
      Bytes.le16(out, at + 6, 20);
      Bytes.le16(out, at + 8, 0x0800);
      Bytes.le16(out, at + 10, 0);
      Bytes.le16(out, at + 12, 0);
      Bytes.le16(out, at + 14, (1 << 5) | 1);
      Bytes.le32(out, at + 16, crcs[i]);
      Bytes.le32(out, at + 20, contents[i].length);
      Bytes.le32(out, at + 24, contents[i].length);
      Bytes.le16(out, at + 28, nameBytes[i].length);
      // extra, comment, disk number, internal and external attributes: all zero
      Bytes.le32(out, at + 42, offsets[i]);
      System.arraycopy(nameBytes[i], 0, out, at + 46, nameBytes[i].length);
      at += 46 + nameBytes[i].length;
    }
    Bytes.le32(out, at, 0x06054b50);
    Bytes.le16(out, at + 8, names.length);
    Bytes.le16(out, at + 10, names.length);
    Bytes.le32(out, at + 12, at - directory);
    Bytes.le32(out, at + 16, directory);
    return out;
  }

  static int crc32(byte[] data) {
    int c = 0xFFFFFFFF;
    for (byte b : data) {
      c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
    }
    return ~c;
  }

  private static int[] crcTable() {
    int[] t = new int[256];
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      t[n] = c;
    }
    return t;
  }

  private static byte[] utf8(String s) {
    return com.webdit.shared.json.Utf8.encode(s);
  }
}
