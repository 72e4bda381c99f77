package com.webdit.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesAndWritesRoundTrip() {
    String text = "{\"a\":[1,-2.5,true,null,\"x\\n\\u00e9\"],\"b\":{\"c\":1e3}}";
    Map<String, Object> m = Json.parseObject(text);
    List<?> a = (List<?>) m.get("a");
    assertEquals(1L, a.get(0));
    assertEquals(-2.5, a.get(1));
    assertEquals("x\n\u00e9", a.get(4));
    assertEquals(1000.0, ((Map<?, ?>) m.get("b")).get("c"));
    assertEquals(m, Json.parseObject(Json.write(m)));
  }

  @Test
  void rejectsMalformedInputWithOffsets() {
    for (String bad : new String[] {"", "{", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "{\"a\":1}x", "01", "{\"a\":1,\"a\":2}",
        "\"\\q\"", "tru", "[" + "[".repeat(100) + "]".repeat(101)}) {
      JsonException e = assertThrows(JsonException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().contains("offset") || e.getMessage().contains("nesting"), e.getMessage());
    }
  }

  @Test
  void rejectsNumbersThatOverflowToInfinity() {
    for (String bad : new String[] {"1e309", "-1e309", "[1.5e400]", "2e308", "{\"a\":9e999}"}) {
      JsonException e = assertThrows(JsonException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }
    assertEquals(1e308, Json.parse("1e308"));
    assertEquals(0.0, Json.parse("1e-400"), "underflow to zero is a representable value");
  }

  @Test
  void unicodeEscapesTakeAsciiHexDigitsOnly() {
    // U+FF10 (fullwidth 0) and U+0663 (Arabic-Indic 3) are digits to Character.digit, not to JSON.
    for (String bad : new String[] {"\"\\u\uFF10041\"", "\"\\u004\u0663\"", "\"\\u00g1\"", "\"\\u00\""}) {
      assertThrows(JsonException.class, () -> Json.parse(bad), bad);
    }
    assertEquals("A\u00e9\u00c9", Json.parse("\"\\u0041\\u00e9\\u00C9\""));
  }
}
