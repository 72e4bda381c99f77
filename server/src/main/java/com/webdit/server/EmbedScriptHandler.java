package com.webdit.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * GET /embed.js: the embed script exactly as the client build wrote it (the Embed GWT module,
 * linked by com.webdit.linker.EmbedLinker into one function-scoped script), served with CORS for
 * any origin, precompressed once per encoding, with a strong ETag per encoding.
 */
final class EmbedScriptHandler implements Handler {
  static final String SCRIPT = "public/embed/embed.js";

  private final EncodedVariants script;

  EmbedScriptHandler() {
    try (InputStream in = EmbedScriptHandler.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the classpath: build the client module first");
      }
      script = new EncodedVariants(in.readAllBytes()); // compressed here, once, not per request
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
