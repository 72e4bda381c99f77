package com.webdit.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * GET /weights/{file}: the exact bytes of a published weight file, compressed per
 * Accept-Encoding from memory, with a strong ETag per encoding (the SHA-256, plus -br or -gzip),
 * byte ranges for resumed downloads, and a year-long immutable cache for content-hashed names.
 */
final class WeightsHandler implements Handler {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final ModelStore store;

  WeightsHandler(ModelStore store) {
    this.store = store;
  }

  @Override
  public void handle(Context ctx) {
    ServedModel model = store.get(ctx.pathParam("file"));
    if (model == null) {
      ApiError.send(ctx, 404, "no weight file named \"" + ctx.pathParam("file") + "\"; see /api/models");
      return;
    }
    ctx.header("Cache-Control", model.contentHashedName() ? IMMUTABLE : "no-cache");
    ctx.header("Access-Control-Allow-Origin", "*");
    VariantResponse.send(ctx, model.variants(), "application/octet-stream");
  }
}
