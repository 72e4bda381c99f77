package com.webdit.server;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The encodings the weight endpoint can send, and Accept-Encoding negotiation (q-values honoured). */
public enum ContentEncoding {
  BROTLI("br"),
  GZIP("gzip"),
  IDENTITY("identity");

  public final String token;

  ContentEncoding(String token) {
    this.token = token;
  }

  /** Brotli needs brotli4j's native library; without it we fall back to gzip. */
  public static boolean brotliAvailable() {
    try {
      return Brotli4jLoader.isAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  /** Picks br, then gzip, then identity among what the header accepts (a missing header means identity). */
  public static ContentEncoding negotiate(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return IDENTITY;
    }
    double br = -1;
    double gzip = -1;
    double star = -1;
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] bits = part.trim().split(";");
      String name = bits[0].trim();
      double q = 1.0;
      for (int i = 1; i < bits.length; i++) {
        String p = bits[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      switch (name) {
        case "br" -> br = q;
        case "gzip" -> gzip = q;
        case "*" -> star = q;
        default -> { }
      }
    }
    if (br < 0) {
      br = star;
    }
    if (gzip < 0) {
      gzip = star;
    }
    if (br > 0 && br >= gzip && brotliAvailable()) {
      return BROTLI;
    }
    if (gzip > 0) {
      return GZIP;
    }
    return IDENTITY;
  }

  byte[] compress(byte[] data) {
    try {
      switch (this) {
        case BROTLI: {
          Encoder.Parameters params = new Encoder.Parameters().setQuality(9);
          return Encoder.compress(data, params);
        }
        case GZIP: {
          ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
          try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
              def.setLevel(Deflater.BEST_COMPRESSION);
            }
          }) {
            gz.write(data);
          }
          return out.toByteArray();
        }
        default:
          return data;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
