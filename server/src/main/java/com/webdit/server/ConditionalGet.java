package com.webdit.server;

import io.javalin.http.Context;
import java.util.Locale;

/** Strong ETags and If-None-Match for every cacheable response, in one place. */
final class ConditionalGet {
  private ConditionalGet() {}

  /** Sets the ETag; returns true (after answering 304) when the client already has this version. */
  static boolean notModified(Context ctx, String etag) {
    ctx.header("ETag", etag);
    String header = ctx.header("If-None-Match");
    if (header != null && matches(header, etag)) {
      ctx.status(304);
      return true;
    }
    return false;
  }

  static boolean matches(String header, String etag) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.toLowerCase(Locale.ROOT).equals("w/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
