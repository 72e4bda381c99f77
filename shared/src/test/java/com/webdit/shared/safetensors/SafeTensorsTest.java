package com.webdit.shared.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.json.Utf8;
import org.junit.jupiter.api.Test;

class SafeTensorsTest {
  /** A file with the given header text and n zero data bytes. */
  private static byte[] file(String header, int dataBytes) {
    byte[] h = Utf8.encode(header);
    byte[] out = new byte[8 + h.length + dataBytes];
    Bytes.putU64(out, 0, h.length);
    System.arraycopy(h, 0, out, 8, h.length);
    return out;
  }

  private static void assertRejected(byte[] file, String expectedFragment) {
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.parse(file));
    assertTrue(e.getMessage().contains(expectedFragment), "message \"" + e.getMessage() + "\" lacks \"" + expectedFragment + "\"");
  }

  @Test
  void roundTripsEveryDtypeAndMetadata() {
    float[] w = {1f, -2f, 0.5f, 3.25f, -0.125f, 7f};
    byte[] bytes = new SafeTensorsWriter()
        .metadata("format", "webdit")
        .f32("a", new int[] {2, 3}, w)
        .f16("b", new int[] {6}, w)
        .i8PerChannel("c", new int[] {2, 3}, w)
        .toBytes();
    assertEquals(0, (Bytes.u64(bytes, 0)) % 8, "header padded to 8 bytes");
    SafeTensors st = SafeTensors.parse(bytes);
    assertEquals("webdit", st.metadata().get("format"));
    assertArrayEquals(w, st.floats("a"));
    assertArrayEquals(w, st.floats("b"), "these values are exact in fp16");
    float[] q = st.floats("c");
    for (int i = 0; i < w.length; i++) {
      float rowMax = i < 3 ? 2f : 7f;
      assertEquals(w[i], q[i], rowMax / 127f / 2 + 1e-6, "int8 error is at most half a step of its row's scale");
    }
    assertEquals(DType.I8, st.info("c").dtype());
    assertArrayEquals(new int[] {2}, st.info("c.scale").shape());
  }

  /**
   * The browser parses the downloaded bytes in place through its own ByteSource: parsing must read
   * nothing past the header (no copy of the tensors on the page's main thread), and every reader
   * must then see exactly what the byte[] path sees.
   */
  @Test
  void aByteSourceIsReadInPlaceAndOnlyItsHeaderWhenParsing() {
    float[] w = {1f, -2f, 0.5f, 3.25f, -0.125f, 7f};
    byte[] bytes = new SafeTensorsWriter()
        .f32("a", new int[] {2, 3}, w)
        .f16("b", new int[] {6}, w)
        .i8PerChannel("c", new int[] {2, 3}, w)
        .toBytes();
    int[] furthest = {-1};
    ByteSource watched = new ByteSource() {
      @Override
      public int length() {
        return bytes.length;
      }

      @Override
      public byte get(int index) {
        furthest[0] = Math.max(furthest[0], index);
        return bytes[index];
      }
    };
    SafeTensors inPlace = SafeTensors.parse(watched);
    int dataStart = 8 + (int) Bytes.u64(bytes, 0);
    assertEquals(dataStart - 1, furthest[0], "parsing read the header and nothing after it");
    SafeTensors copied = SafeTensors.parse(bytes);
    for (String name : copied.tensors().keySet()) {
      assertArrayEquals(copied.floats(name), inPlace.floats(name), name);
      assertArrayEquals(copied.rawBytes(name), inPlace.rawBytes(name), name);
      TensorInfo t = inPlace.info(name);
      byte[] atOffset = java.util.Arrays.copyOfRange(bytes, inPlace.sourceOffset(name),
          inPlace.sourceOffset(name) + t.end() - t.begin());
      assertArrayEquals(copied.rawBytes(name), atOffset, "sourceOffset of " + name);
    }
    assertSame(watched, inPlace.source(), "the tensors are read from the source, not a copy");
  }

  @Test
  void rejectsTruncatedFilesAndBadHeaderLengths() {
    assertRejected(new byte[5], "shorter than the 8-byte header length");
    byte[] f = file("{}", 0);
    Bytes.putU64(f, 0, 1L << 40);
    assertRejected(f, "outside [2, 100000000]");
    byte[] g = file("{}", 0);
    Bytes.putU64(g, 0, 50);
    assertRejected(g, "runs past the end");
    assertRejected(file("[1,2]", 0), "does not start with '{'");
    assertRejected(file("{\"a\":", 0), "not valid JSON");
  }

  @Test
  void rejectsBadEntries() {
    assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "unknown dtype \"F64\"");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes but data_offsets span 8");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "not inside the 4-byte data section");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "not an integer in [0, 2^31)");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "not inside");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "\"data_offsets\" must be an array");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4), "unexpected key \"x\"");
    assertRejected(file("{\"__metadata__\":{\"k\":1}}", 0), "must be a string");
  }

  @Test
  void rejectsOverlapsAndGaps() {
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlap");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "bytes [0, 4) of the data section belong to no tensor");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "bytes [4, 8)");
  }

  @Test
  void int8WithoutAMatchingScaleIsRejectedAtParse() {
    // Parse, not first read, must refuse it: a server validates by parsing and publishes what parses.
    byte[] noScale = new SafeTensorsWriter().raw("w", DType.I8, new int[] {2, 2}, new byte[4]).toBytes();
    assertRejected(noScale, "\"w.scale\" is missing");
    byte[] wrongRows = new SafeTensorsWriter().raw("w", DType.I8, new int[] {2, 2}, new byte[4])
        .f32("w.scale", new int[] {3}, new float[3]).toBytes();
    assertRejected(wrongRows, "must be F32 or F16 of shape [2]");
    byte[] i8Scale = new SafeTensorsWriter().raw("w", DType.I8, new int[] {2, 2}, new byte[4])
        .raw("w.scale", DType.I8, new int[] {2}, new byte[2]).toBytes();
    assertRejected(i8Scale, "must be F32 or F16");
    byte[] scalar = new SafeTensorsWriter().raw("w", DType.I8, new int[] {}, new byte[1]).toBytes();
    assertRejected(scalar, "leading channel dimension");
  }

  /** The bytes of training/test_export.py's packing test: the same layout on both sides. */
  @Test
  void int4IsStoredAsU8WithTheLowNibbleFirstAndScaledPerGroup() {
    byte[] packed = {0x78, 0x0F, (byte) 0xD3, 0x21};
    byte[] bytes = new SafeTensorsWriter()
        .raw("w", DType.I4, new int[] {2, 4}, packed)
        .f32("w.scale", new int[] {2, 2}, new float[] {1f, 0.5f, 2f, -1f})
        .toBytes();
    String header = Utf8.decode(bytes, 8, (int) Bytes.u64(bytes, 0));
    assertTrue(header.contains("\"w\":{\"dtype\":\"U8\",\"shape\":[2,2]"), header);
    SafeTensors st = SafeTensors.parse(bytes);
    assertEquals(DType.I4, st.info("w").dtype());
    assertArrayEquals(new int[] {2, 4}, st.info("w").shape(), "the unpacked shape");
    assertEquals(2, st.groupSize("w"));
    // values -8, 7 | -1, 0 || 3, -3 | 1, 2; groups of two, scales 1, 0.5, 2, -1
    assertArrayEquals(new float[] {-8f, 7f, -0.5f, 0f, 6f, -6f, -1f, -2f}, st.floats("w"));
    assertArrayEquals(packed, st.rawBytes("w"));
  }

  @Test
  void int4GroupsRoundTripWithinHalfAStep() {
    float[] w = new float[2 * 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(1.7 * i) * (i < 4 ? 10f : 1f); // a loud group beside quiet ones
    }
    SafeTensors st = SafeTensors.parse(new SafeTensorsWriter().i4Groups("w", new int[] {2, 8}, w, 4).toBytes());
    assertArrayEquals(new int[] {2, 2}, st.info("w.scale").shape());
    float[] q = st.floats("w");
    for (int i = 0; i < w.length; i++) {
      float groupMax = 0f;
      for (int j = i / 4 * 4; j < i / 4 * 4 + 4; j++) {
        groupMax = Math.max(groupMax, Math.abs(w[j]));
      }
      assertEquals(w[i], q[i], groupMax / 7.5f / 2 + 1e-6, "int4 error at " + i + " is at most half a step of its group's scale");
    }
  }

  @Test
  void int4WithoutMatchingGroupScalesIsRejectedAtParse() {
    byte[] noScale = new SafeTensorsWriter().raw("w", DType.I4, new int[] {2, 4}, new byte[4]).toBytes();
    assertRejected(noScale, "\"w\" is I4 but \"w.scale\" is missing");
    byte[] rowScale = new SafeTensorsWriter().raw("w", DType.I4, new int[] {2, 4}, new byte[4])
        .f32("w.scale", new int[] {2}, new float[2]).toBytes();
    assertRejected(rowScale, "must be F32 or F16 of shape [2, groups]");
    byte[] notDividing = new SafeTensorsWriter().raw("w", DType.I4, new int[] {2, 6}, new byte[6])
        .f32("w.scale", new int[] {2, 4}, new float[8]).toBytes();
    assertRejected(notDividing, "dividing the row length 6");
    byte[] oddGroups = new SafeTensorsWriter().raw("w", DType.I4, new int[] {2, 6}, new byte[6])
        .f32("w.scale", new int[] {2, 2}, new float[4]).toBytes();
    assertRejected(oddGroups, "into even groups");
    assertRejected(file("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4),
        "U8 (int4) tensors need a channel and a row dimension");
    assertThrows(SafeTensorsException.class, () -> new SafeTensorsWriter().raw("w", DType.I4, new int[] {2, 3}, new byte[3]));
  }

  @Test
  void missingTensorIsNamed() {
    SafeTensors st = SafeTensors.parse(new SafeTensorsWriter().toBytes());
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> st.floats("nope"));
    assertEquals("missing tensor \"nope\"", e.getMessage());
  }
}
