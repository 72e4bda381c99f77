package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a shared cache or a resuming client relies on: Vary, one strong ETag per encoding, byte ranges. */
class CachingTest {
  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void everyCompressibleResponseVariesOnAcceptEncoding() throws Exception {
    try (TestServer s = TestServer.start()) {
      String weights = "/weights/" + ModelStore.load(null).preferred().fileName();
      for (String path : new String[] {"/", "/demo/demo.js", "/wgsl/matmul.wgsl", "/embed.js", weights}) {
        for (String enc : new String[] {"identity", "gzip", "br"}) {
          HttpResponse<byte[]> r = s.get(path, "Accept-Encoding", enc);
          assertEquals(200, r.statusCode(), path);
          assertTrue(header(r, "Vary").contains("Accept-Encoding"), path + " (" + enc + "): Vary is \"" + header(r, "Vary") + "\"");
        }
      }
    }
  }

  @Test
  void strongEtagsDifferPerEncodingAndRevalidatePerEncoding() throws Exception {
    try (TestServer s = TestServer.start()) {
      String weights = "/weights/" + ModelStore.load(null).preferred().fileName();
      for (String path : new String[] {"/embed.js", weights}) {
        Set<String> tags = new HashSet<>();
        for (String enc : new String[] {"identity", "gzip", "br"}) {
          HttpResponse<byte[]> r = s.get(path, "Accept-Encoding", enc);
          String etag = header(r, "ETag");
          assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), path + " " + enc + ": strong, got " + etag);
          tags.add(etag);
          assertEquals(Integer.toString(r.body().length), header(r, "Content-Length"), path + " " + enc);
          assertEquals(304, s.get(path, "Accept-Encoding", enc, "If-None-Match", etag).statusCode(), path + " " + enc);
        }
        assertEquals(3, tags.size(), path + ": one ETag per encoding, got " + tags);
        // A cache holding the identity body cannot use it for a brotli request.
        String identityTag = header(s.get(path, "Accept-Encoding", "identity"), "ETag");
        assertEquals(200, s.get(path, "Accept-Encoding", "br", "If-None-Match", identityTag).statusCode(), path);
      }
    }
  }

  @Test
  void weightFilesServeByteRangesForResumedDownloads() throws Exception {
    try (TestServer s = TestServer.start()) {
      String path = "/weights/" + ModelStore.load(null).preferred().fileName();
      byte[] whole = s.get(path).body();
      int n = whole.length;
      assertEquals("bytes", header(s.get(path), "Accept-Ranges"));

      HttpResponse<byte[]> mid = s.get(path, "Range", "bytes=100-199");
      assertEquals(206, mid.statusCode());
      assertEquals("bytes 100-199/" + n, header(mid, "Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(whole, 100, 200), mid.body());

      HttpResponse<byte[]> rest = s.get(path, "Range", "bytes=" + (n - 10) + "-");
      assertArrayEquals(Arrays.copyOfRange(whole, n - 10, n), rest.body());
      HttpResponse<byte[]> suffix = s.get(path, "Range", "bytes=-7");
      assertEquals("bytes " + (n - 7) + "-" + (n - 1) + "/" + n, header(suffix, "Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(whole, n - 7, n), suffix.body());
      HttpResponse<byte[]> past = s.get(path, "Range", "bytes=" + (n - 1) + "-" + (n + 500));
      assertArrayEquals(new byte[] {whole[n - 1]}, past.body(), "the end is clamped to the body");

      HttpResponse<byte[]> outside = s.get(path, "Range", "bytes=" + n + "-");
      assertEquals(416, outside.statusCode());
      assertEquals("bytes */" + n, header(outside, "Content-Range"));

      String etag = header(s.get(path), "ETag");
      assertEquals(206, s.get(path, "Range", "bytes=0-9", "If-Range", etag).statusCode(), "same version: the range");
      assertEquals(200, s.get(path, "Range", "bytes=0-9", "If-Range", "\"other\"").statusCode(), "changed: the whole file");
      for (String ignored : new String[] {"bytes=0-1,5-9", "bytes=9-0", "items=0-9", "bytes=a-b", "bytes=-"}) {
        HttpResponse<byte[]> r = s.get(path, "Range", ignored);
        assertEquals(200, r.statusCode(), ignored);
        assertEquals(n, r.body().length, ignored);
      }

      // The range applies to the encoding sent: here the brotli bytes, under their own ETag.
      HttpResponse<byte[]> br = s.get(path, "Accept-Encoding", "br");
      HttpResponse<byte[]> brPart = s.get(path, "Accept-Encoding", "br", "Range", "bytes=0-99");
      assertEquals(206, brPart.statusCode());
      assertEquals("br", header(brPart, "Content-Encoding"));
      assertEquals("bytes 0-99/" + br.body().length, header(brPart, "Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(br.body(), 0, 100), brPart.body());
      assertFalse(header(brPart, "ETag").equals(etag));
    }
  }
}
