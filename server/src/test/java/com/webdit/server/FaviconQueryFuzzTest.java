package com.webdit.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Any query string, decoded as Jetty decodes it: the favicon parser refuses it with a
 * BadParameter or returns a request inside the documented ranges whose canonical spelling
 * parses back to the same request (one image, one cache entry).
 */
class FaviconQueryFuzzTest {
  private static final com.webdit.shared.product.Categories CATEGORIES = com.webdit.shared.product.Categories.of(
      java.util.List.of("smileys", "people", "animals", "food", "travel", "activities", "objects", "symbols", "flags"));
  private static final int NULL_LABEL = CATEGORIES.size();

  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] bytes) {
    Map<String, String> query;
    try {
      query = decode(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException badEscape) {
      return; // Jetty answers 400 before any route
    }
    FaviconQuery r;
    try {
      r = FaviconQuery.parse(query::get).canonical(CATEGORIES);
    } catch (FaviconQuery.BadParameter refused) {
      return;
    }
    int label = r.label(CATEGORIES);
    if (r.seed < 0 || r.seed > 0xFFFFFFFFL || r.steps < 1 || r.steps > Limits.MAX_STEPS
        || label < 0 || label > NULL_LABEL || !(r.cfg >= 0 && r.cfg <= 10)) {
      throw new AssertionError("out of range: " + r + " from " + query);
    }
    FaviconQuery again = FaviconQuery.parse(decode(r.toQuery())::get).canonical(CATEGORIES);
    if (!again.equals(r)) {
      throw new AssertionError(r.toQuery() + " parses as " + again);
    }
  }

  /** First value wins, as Javalin's queryParam does. */
  private static Map<String, String> decode(String q) {
    Map<String, String> m = new HashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.putIfAbsent(k, v);
    }
    return m;
  }
}
