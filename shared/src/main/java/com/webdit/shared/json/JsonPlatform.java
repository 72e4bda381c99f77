package com.webdit.shared.json;

/**
 * How {@link Json#parse} reads JSON on this platform. On the JVM: the strict reader. The browser
 * build replaces this class (GWT super-source, ../super/com/webdit/shared/json/JsonPlatform.java
 * under shared/src/main/resources/com/webdit/shared/) with one that calls the native
 * {@code JSON.parse}.
 */
final class JsonPlatform {
  private JsonPlatform() {}

  static Object parse(String text) {
    return Json.strictParse(text);
  }

  /** Which reader this is, for figures and tests. */
  static String name() {
    return "strict";
  }
}
