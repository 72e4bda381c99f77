package com.webdit.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /embed.js: the GWT client (one self-contained `sso` script) wrapped in a function scope, so
 * the only global it leaves on a host page is the WebDiT object it installs. Two things in GWT's
 * output would otherwise leak: the bootstrap's global function named after the module (the
 * wrapper scopes it), and `$wnd.goog`, where GWT hangs Elemental2's `goog.global` namespace (the
 * window itself): every `$wnd.goog` becomes a wrapper-local object whose `global` is the window.
 * Served with CORS for any origin, precompressed, with a strong ETag per encoding.
 */
final class EmbedScriptHandler implements Handler {
  static final String GWT_SCRIPT = "public/webdit/webdit.nocache.js";
  static final String LOCAL_GOOG = "$webditGoog";

  private final EncodedVariants script;

  EmbedScriptHandler() {
    try (InputStream in = EmbedScriptHandler.class.getClassLoader().getResourceAsStream(GWT_SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(GWT_SCRIPT + " is missing from the classpath: build the client module first");
      }
      String gwt = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("$wnd.goog", LOCAL_GOOG);
      // Compressed here, once per encoding, rather than by Javalin on every request.
      script = new EncodedVariants(("(function () {\nvar " + LOCAL_GOOG + " = {global: window};\n" + gwt + "\n})();\n")
          .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Cache-Control", "no-cache"); // revalidate: a new release must reach every site
    VariantResponse.send(ctx, script, "text/javascript; charset=utf-8");
  }
}
