package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The client build's two scripts, as the jar serves them: demo and embed carry no kernel-test
 * harness, no benchmark and none of GWT's bootstrap (no alert, no gwt.codesvr
 * handling, no __gwt_ globals); /embed.js is the build's embed script byte for byte. Prints the
 * size of each (bytes, gzip, brotli) for docs/ENGINE.md.
 */
class ScriptOutputsTest {
  static final List<String> SHIPPED = List.of("public/demo/demo.js", "public/embed/embed.js");
  static final List<String> FORBIDDEN = List.of("webditKernelTests", "alert(", "gwt.codesvr", "__gwt_", "Bench",
      "nocache");

  static byte[] resource(String path) throws Exception {
    try (InputStream in = ScriptOutputsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path + " is missing: build the client module");
      return in.readAllBytes();
    }
  }

  @Test
  void theShippedScriptsCarryNoTestCodeAndNoGwtBootstrap() throws Exception {
    Brotli4jLoader.ensureAvailability();
    for (String path : SHIPPED) {
      byte[] js = resource(path);
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(js);
      }
      byte[] br = Encoder.compress(js, new Encoder.Parameters().setQuality(11));
      System.out.println(path + ": " + js.length + " bytes, gzip " + gz.size() + ", brotli " + br.length);
      String text = new String(js, StandardCharsets.UTF_8);
      for (String f : FORBIDDEN) {
        assertTrue(!text.contains(f), path + " contains \"" + f + "\"");
      }
    }
  }

  /**
   * GWT checks a cast to a native type with {@code instanceof}: a cast (or instanceof) against
   * {@code Promise} would fail where a page's {@code Promise.prototype.then} returns its own
   * promise type (zone.js). The client keeps promises as thenables instead (PromiseMap), so the
   * compiled scripts name {@code $wnd.Promise} only to call it, never as a cast's type.
   */
  @Test
  void noCastDependsOnWhichPromiseAThenReturns() throws Exception {
    java.util.regex.Pattern cast = java.util.regex.Pattern.compile(".{0,60},\\s*\\$wnd\\.Promise\\)");
    for (String path : SHIPPED) {
      java.util.regex.Matcher m = cast.matcher(new String(resource(path), StandardCharsets.UTF_8));
      boolean found = m.find();
      assertTrue(!found, path + " casts to the browser's Promise: " + (found ? m.group() : ""));
    }
  }

  @Test
  void embedJsIsTheBuildsEmbedScriptUnchanged() throws Exception {
    try (TestServer s = TestServer.start()) {
      assertEquals(new String(resource("public/embed/embed.js"), StandardCharsets.UTF_8),
          new String(s.get("/embed.js").body(), StandardCharsets.UTF_8));
    }
  }
}
