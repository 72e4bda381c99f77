package com.webdit.server;

import com.webdit.shared.icon.Ico;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * GET /api/favicon.png?seed=&category=&steps=&sampler=&cfg=[&strength=&remix=]: a favicon drawn by the Java CPU
 * reference from the served weights, for visitors without WebGPU; with {@code remix}, a variation
 * of the page's own icon (its 32x32 RGBA8 as base64url, the start the GPU path would use). Deterministic (same query, same
 * bytes, strong ETag), validated (400 naming the parameter), fair and bounded (FairSlots; 429 with
 * Retry-After when a client would wait too long). GET /api/favicon.ico takes the same parameters
 * and answers the same image as a Windows icon (the rendered size plus a 16 px box-filtered
 * downscale), for sites that want a static favicon and no script.
 */
final class FaviconHandler implements Handler {
  static final String CACHE = "public, max-age=86400";
  static final String RETRY_AFTER_SECONDS = "2";
  /** The small size every browser's tab strip uses; added to the .ico when the rendered size divides by it. */
  static final int SMALL_ICON = 16;

  enum Format { PNG, ICO }

  private final FaviconRenderer renderer;
  private final Categories categories;
  private final Format format;

  FaviconHandler(FaviconRenderer renderer, Categories categories) {
    this(renderer, categories, Format.PNG);
  }

  /** categories: the served model's names (its weight file's metadata); null with no model. */
  FaviconHandler(FaviconRenderer renderer, Categories categories, Format format) {
    this.renderer = renderer;
    this.categories = categories;
    this.format = format;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    // Retry-After is not a CORS-safelisted header: the embed on another origin reads it only when exposed.
    ctx.header("Access-Control-Expose-Headers", "Retry-After");
    if (renderer == null) {
      ApiError.send(ctx, 503, "no model is served, so no favicon can be drawn");
      return;
    }
    FaviconQuery request;
    try {
      request = FaviconQuery.parse(ctx::queryParam).canonical(categories);
    } catch (FaviconQuery.BadParameter e) {
      ApiError.send(ctx, 400, e.getMessage(), e.field.key);
      return;
    }
    byte[] png;
    try {
      png = renderer.png(request, categories, ctx.req().getRemoteAddr()); // one client = one address (README, Fairness)
    } catch (FairSlots.Busy e) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      ApiError.send(ctx, 429, e.getMessage() + "; retry in " + RETRY_AFTER_SECONDS + " s");
      return;
    }
    byte[] body = format == Format.ICO ? ico(png) : png;
    ctx.header("Cache-Control", CACHE);
    if (ConditionalGet.notModified(ctx, "\"" + ServedModel.sha256Hex(body) + "\"")) {
      return;
    }
    ctx.contentType(format == Format.ICO ? "image/x-icon" : "image/png").result(body);
  }

  static byte[] ico(byte[] png) {
    int side = IconSizes.decodePng(png).getWidth();
    if (side > SMALL_ICON && side % SMALL_ICON == 0) {
      return Ico.write(new int[] {SMALL_ICON, side}, new byte[][] {IconSizes.downscalePng(png, SMALL_ICON), png});
    }
    return Ico.write(new int[] {side}, new byte[][] {png});
  }
}
