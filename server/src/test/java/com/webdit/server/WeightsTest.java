package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.DiTTensors;
import com.webdit.shared.model.ModelRegistry;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {
  @TempDir Path dir;

  /** A complete random tiny model; fill picks the random seed so files differ. */
  private byte[] modelFile(float fill) {
    return DiTTensors.randomModel(ModelRegistry.tiny(), Float.floatToIntBits(fill));
  }

  private String writeHashed(byte[] bytes) throws Exception {
    String name = "webdit-tiny-f16-" + ServedModel.sha256Hex(bytes).substring(0, 12) + ".safetensors";
    Files.write(dir.resolve(name), bytes);
    return name;
  }

  @Test
  void compressesPerAcceptEncodingWithStrongEtagAndImmutableCache() throws Exception {
    byte[] bytes = modelFile(0.25f);
    String name = writeHashed(bytes);
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<byte[]> plain = s.get("/weights/" + name);
      assertArrayEquals(bytes, plain.body());
      assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
      String etag = plain.headers().firstValue("ETag").orElseThrow();
      assertEquals("\"" + ServedModel.sha256Hex(bytes) + "\"", etag, "strong ETag = SHA-256");
      assertEquals(WeightsHandler.IMMUTABLE, plain.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElse(""));

      HttpResponse<byte[]> gz = s.get("/weights/" + name, "Accept-Encoding", "gzip");
      assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
      assertTrue(gz.body().length < bytes.length);
      assertArrayEquals(bytes, new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes());
      assertEquals("\"" + ServedModel.sha256Hex(bytes) + "-gzip\"", gz.headers().firstValue("ETag").orElse(""),
          "each encoding has its own strong ETag");

      assertTrue(ContentEncoding.brotliAvailable(), "brotli4j's native library loads on linux-x86_64");
      HttpResponse<byte[]> br = s.get("/weights/" + name, "Accept-Encoding", "gzip, deflate, br");
      assertEquals("br", br.headers().firstValue("Content-Encoding").orElse(""));
      assertArrayEquals(bytes, Decoder.decompress(br.body()).getDecompressedData());

      HttpResponse<byte[]> noBr = s.get("/weights/" + name, "Accept-Encoding", "br;q=0, gzip");
      assertEquals("gzip", noBr.headers().firstValue("Content-Encoding").orElse(""));

      HttpResponse<byte[]> cached = s.get("/weights/" + name, "If-None-Match", etag);
      assertEquals(304, cached.statusCode());
      assertEquals(0, cached.body().length);
    }
  }

  /** Compressing the f16 file takes 0.2 to 0.7 s: done at startup, never while a request waits. */
  @Test
  void everyWeightFileIsCompressedInEveryEncodingAtStartup() {
    for (ServedModel model : ModelStore.load(null).all()) {
      assertEquals(EnumSet.allOf(ContentEncoding.class), model.variants().encodings(), model.fileName());
    }
  }

  @Test
  void aNameWithoutAMatchingHashIsRevalidatedNotImmutable() throws Exception {
    byte[] bytes = modelFile(0.5f);
    Files.write(dir.resolve("webdit-tiny-f16-0123456789ab.safetensors"), bytes);
    Files.write(dir.resolve("plain.safetensors"), bytes);
    try (TestServer s = TestServer.start(dir)) {
      assertEquals("no-cache", s.get("/weights/webdit-tiny-f16-0123456789ab.safetensors").headers()
          .firstValue("Cache-Control").orElse(""));
      assertEquals("no-cache", s.get("/weights/plain.safetensors").headers().firstValue("Cache-Control").orElse(""));
    }
  }

  @Test
  void aCorruptWeightFileStopsStartupWithItsName() throws Exception {
    byte[] bytes = modelFile(1f);
    bytes[9] = 'x'; // break the JSON header
    Files.write(dir.resolve("broken.safetensors"), bytes);
    WeightFileException e = assertThrows(WeightFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("broken.safetensors") && e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void aFileMissingALayerStopsStartupNamingIt() throws Exception {
    DiTConfig deeper = new DiTConfig("tiny", 32, 4, 4, 32, 3, 2, 4, 9, 64, true);
    byte[] full = DiTTensors.randomModel(ModelRegistry.tiny(), 1);
    // Claim depth 3 while holding 2 blocks of tensors.
    com.webdit.shared.safetensors.SafeTensors st = com.webdit.shared.safetensors.SafeTensors.parse(full);
    SafeTensorsWriter w = new SafeTensorsWriter().metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION).metadata(WeightFile.KEY_CONFIG, deeper.toJson());
    for (var t : st.tensors().values()) {
      w.raw(t.name(), t.dtype(), t.shape(), st.rawBytes(t.name()));
    }
    Files.write(dir.resolve("short.safetensors"), w.toBytes());
    WeightFileException e = assertThrows(WeightFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("blocks.2.attn.qkv.weight"), e.getMessage());
  }

  @Test
  void acceptEncodingNegotiation() {
    assertEquals(ContentEncoding.IDENTITY, ContentEncoding.negotiate(null));
    assertEquals(ContentEncoding.IDENTITY, ContentEncoding.negotiate("identity"));
    assertEquals(ContentEncoding.GZIP, ContentEncoding.negotiate("gzip"));
    assertEquals(ContentEncoding.BROTLI, ContentEncoding.negotiate("*"));
    assertEquals(ContentEncoding.GZIP, ContentEncoding.negotiate("br;q=0.5, gzip;q=0.9"));
    assertEquals(ContentEncoding.IDENTITY, ContentEncoding.negotiate("gzip;q=0, br;q=0"));
  }
}
