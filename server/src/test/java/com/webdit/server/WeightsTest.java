package com.webdit.server;

import com.webdit.shared.fixtures.RandomModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.fixtures.ModelRegistry;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {
  @TempDir Path dir;

  /** A complete random tiny model; fill picks the random seed so files differ. */
  private byte[] modelFile(float fill) {
    return RandomModel.fp16(ModelRegistry.tiny(), Float.floatToIntBits(fill));
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
      assertEquals(PublishedFiles.IMMUTABLE, plain.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElse(""));

      HttpResponse<byte[]> gz = s.get("/weights/" + name, "Accept-Encoding", "gzip");
      assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
      assertTrue(gz.body().length < bytes.length);
      assertArrayEquals(bytes, new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes());
      assertEquals("\"" + ServedModel.sha256Hex(bytes) + "-gzip\"", gz.headers().firstValue("ETag").orElse(""),
          "each encoding has its own strong ETag");

      assertTrue(Precompressed.brotliAvailable(), "brotli4j's native library loads on linux-x86_64");
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

  /**
   * Compressing the f16 file takes 0.2 to 0.7 s: done at build time (the .br and .gz siblings in
   * the jar), neither at startup nor while a request waits.
   */
  @Test
  void everyWeightFileIsCompressedInEveryEncodingAtBuildTime() {
    ModelStore store = ModelStore.load(null);
    for (ServedModel model : store.all()) {
      Precompressed encodings = store.precompressed(model);
      assertEquals(Precompressed.FORMATS, List.copyOf(encodings.encoded().keySet()), model.fileName());
      assertFalse(encodings.compressedAtStartup(), model.fileName() + ": the build's .br/.gz siblings are missing");
    }
  }

  /** A folder's own .br/.gz are used only when they decode to the file: else its new bytes would go out under an old body. */
  @Test
  void aStaleCompressedSiblingStopsStartupNamingIt() throws Exception {
    byte[] bytes = modelFile(0.75f);
    String name = writeHashed(bytes);
    Files.write(dir.resolve(name + ".br"), Precompressed.compress(Precompressed.BROTLI, bytes));
    Files.write(dir.resolve(name + ".gz"), Precompressed.compress(Precompressed.GZIP, modelFile(0.5f)));
    WeightFileException e = assertThrows(WeightFileException.class, () -> App.published(ModelStore.load(dir)));
    assertTrue(e.getMessage().contains(name + ".gz") && e.getMessage().contains("stale"), e.getMessage());
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
    DiTConfig deeper = new DiTConfig("tiny", 32, 4, 4, 32, 3, 2, 4, 9, 64, true, false);
    byte[] full = RandomModel.fp16(ModelRegistry.tiny(), 1);
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

  /** The encoding a weight request gets: q-values honoured, br before gzip on a tie, identity without the header. */
  @Test
  void acceptEncodingNegotiation() throws Exception {
    String[][] expected = {{null, "identity"}, {"identity", "identity"}, {"gzip", "gzip"}, {"*", "br"},
        {"br;q=0.5, gzip;q=0.9", "gzip"}, {"gzip;q=0, br;q=0", "identity"}};
    try (TestServer s = TestServer.start()) {
      String path = "/weights/" + ModelStore.load(null).preferred().fileName();
      for (String[] e : expected) {
        HttpResponse<byte[]> r = e[0] == null ? s.get(path) : s.get(path, "Accept-Encoding", e[0]);
        assertEquals(e[1], r.headers().firstValue("Content-Encoding").orElse("identity"), "Accept-Encoding: " + e[0]);
      }
    }
  }
}
