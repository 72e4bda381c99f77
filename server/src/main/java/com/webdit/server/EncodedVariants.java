package com.webdit.server;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One body in its identity, gzip and brotli encodings, all compressed when constructed (at
 * startup), so no request ever waits for a compression: the first brotli request for a weight file
 * used to spend most of a second compressing it. Each encoding is a different sequence of bytes,
 * so each gets its own strong ETag (RFC 9110, 8.8.3): a cache must never answer a gzip request
 * with brotli bytes that share a validator.
 */
final class EncodedVariants {
  private final String sha256;
  private final Map<ContentEncoding, byte[]> bodies;

  EncodedVariants(byte[] identity) {
    this.sha256 = ServedModel.sha256Hex(identity);
    Map<ContentEncoding, byte[]> m = new EnumMap<>(ContentEncoding.class);
    m.put(ContentEncoding.IDENTITY, identity);
    m.put(ContentEncoding.GZIP, ContentEncoding.GZIP.compress(identity));
    if (ContentEncoding.brotliAvailable()) { // negotiate() never picks brotli without it
      m.put(ContentEncoding.BROTLI, ContentEncoding.BROTLI.compress(identity));
    }
    this.bodies = Collections.unmodifiableMap(m);
  }

  /** SHA-256 of the identity bytes, as hex. */
  String sha256() {
    return sha256;
  }

  int identityLength() {
    return bodies.get(ContentEncoding.IDENTITY).length;
  }

  /** The encodings held, every one of them already compressed. */
  Set<ContentEncoding> encodings() {
    return bodies.keySet();
  }

  byte[] body(ContentEncoding encoding) {
    byte[] body = bodies.get(encoding);
    if (body == null) {
      throw new IllegalArgumentException("no " + encoding.token + " encoding: brotli4j's native library did not load");
    }
    return body;
  }

  /** "SHA" for the identity bytes, "SHA-br" and "SHA-gzip" for the compressed ones. */
  String etag(ContentEncoding encoding) {
    return "\"" + sha256 + (encoding == ContentEncoding.IDENTITY ? "" : "-" + encoding.token) + "\"";
  }
}
