package com.webdit.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webdit.shared.icon.Base64Url;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The remix start, the one large input the favicon query takes: any text or any bytes as
 * base64url, with any strength, is refused with a BadParameter naming remix or strength, or read
 * into exactly REMIX_BYTES whose canonical query parses back to the same query.
 */
class FaviconRemixFuzzTest {
  private static final Categories CATEGORIES = Categories.of(List.of("smileys", "animals"));

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) {
    Map<String, String> query = new HashMap<>();
    query.put("strength", data.consumeString(8));
    query.put("remix", data.consumeBoolean() ? data.consumeAsciiString(6000)
        : Base64Url.encode(data.consumeBytes(FaviconQuery.REMIX_BYTES + 8)));
    FaviconQuery q;
    try {
      q = FaviconQuery.parse(query::get).canonical(CATEGORIES);
    } catch (FaviconQuery.BadParameter refused) {
      if (refused.field != FaviconQuery.Field.REMIX && refused.field != FaviconQuery.Field.STRENGTH) {
        throw new AssertionError("refused as " + refused.field + ": " + refused.getMessage());
      }
      return;
    }
    if (q.remixes() && q.remixRgba().length != FaviconQuery.REMIX_BYTES) {
      throw new AssertionError("a start of " + q.remixRgba().length + " bytes was accepted");
    }
    FaviconQuery again = FaviconQuery.parse(decode(q.toQuery())::get).canonical(CATEGORIES);
    if (!again.equals(q)) {
      throw new AssertionError(q.toQuery() + " parses as " + again);
    }
  }

  private static Map<String, String> decode(String q) {
    Map<String, String> m = new HashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      m.putIfAbsent(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return m;
  }
}
