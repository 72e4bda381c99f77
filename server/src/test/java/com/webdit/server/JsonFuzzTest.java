package com.webdit.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webdit.shared.json.Json;
import com.webdit.shared.json.JsonException;
import com.webdit.shared.json.Utf8;
import java.util.Objects;

/**
 * Any UTF-8 text: the JSON parser refuses it with a JsonException, or what it read writes back
 * to text that reads as the same value (so the writer never emits what the parser refuses).
 */
class JsonFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] bytes) {
    String text;
    try {
      text = Utf8.decode(bytes, 0, bytes.length);
    } catch (IllegalArgumentException notUtf8) {
      return; // the safetensors reader refuses these before JSON sees them
    }
    Object value;
    try {
      value = Json.parse(text);
    } catch (JsonException refused) {
      return;
    }
    String written = Json.write(value);
    Object again = Json.parse(written);
    if (!Objects.equals(again, value)) {
      throw new AssertionError("round trip changed " + text + " -> " + written);
    }
  }
}
