package com.webdit.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One body in its identity, gzip and brotli encodings, compressed once on first request and kept.
 * Each encoding is a different sequence of bytes, so each gets its own strong ETag (RFC 9110,
 * 8.8.3): a cache must never answer a gzip request with brotli bytes that share a validator.
 */
final class EncodedVariants {
  private final byte[] identity;
  private final String sha256;
  private final Map<ContentEncoding, byte[]> encoded = new ConcurrentHashMap<>();

  EncodedVariants(byte[] identity) {
    this.identity = identity;
    this.sha256 = ServedModel.sha256Hex(identity);
  }

  /** SHA-256 of the identity bytes, as hex. */
  String sha256() {
    return sha256;
  }

  int identityLength() {
    return identity.length;
  }

  byte[] body(ContentEncoding encoding) {
    if (encoding == ContentEncoding.IDENTITY) {
      return identity;
    }
    return encoded.computeIfAbsent(encoding, e -> e.compress(identity));
  }

  /** "SHA" for the identity bytes, "SHA-br" and "SHA-gzip" for the compressed ones. */
  String etag(ContentEncoding encoding) {
    return "\"" + sha256 + (encoding == ContentEncoding.IDENTITY ? "" : "-" + encoding.token) + "\"";
  }
}
