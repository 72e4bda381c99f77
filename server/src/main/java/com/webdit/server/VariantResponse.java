package com.webdit.server;

import io.javalin.http.Context;
import java.nio.ByteBuffer;

/**
 * Answers GET/HEAD from an {@link EncodedVariants}: picks the encoding from Accept-Encoding,
 * sends that encoding's ETag (304 on If-None-Match), and honours a single Range (206, or 416
 * outside the body) unless If-Range names another version. Content-Encoding, set with the body,
 * also keeps Javalin from compressing it a second time. The body goes out without blocking a
 * thread ({@link AsyncBody}): these are the large responses a stalled reader would hold.
 */
final class VariantResponse {
  private VariantResponse() {}

  static void send(Context ctx, EncodedVariants variants, String contentType) {
    ctx.header("Vary", "Accept-Encoding");
    ctx.header("Accept-Ranges", "bytes");
    ContentEncoding enc = ContentEncoding.negotiate(ctx.header("Accept-Encoding"));
    String etag = variants.etag(enc);
    if (ConditionalGet.notModified(ctx, etag)) {
      return;
    }
    byte[] body = variants.body(enc);
    ctx.contentType(contentType);
    String ifRange = ctx.header("If-Range");
    // If-Range holds a strong ETag (or a date, which we never send): a range only of this very version.
    ByteRange range = ifRange == null || ifRange.trim().equals(etag)
        ? ByteRange.parse(ctx.header("Range"), body.length) : ByteRange.WHOLE;
    if (range == ByteRange.UNSATISFIABLE) {
      ctx.header("Content-Range", "bytes */" + body.length);
      ApiError.send(ctx, 416, "the range is outside the " + body.length + " bytes of this encoding");
      return;
    }
    if (enc != ContentEncoding.IDENTITY) {
      ctx.header("Content-Encoding", enc.token);
    }
    if (range == ByteRange.WHOLE) {
      ctx.header("Content-Length", Integer.toString(body.length));
      AsyncBody.send(ctx, ByteBuffer.wrap(body));
      return;
    }
    ctx.status(206);
    ctx.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + body.length);
    ctx.header("Content-Length", Long.toString(range.length()));
    AsyncBody.send(ctx, ByteBuffer.wrap(body, (int) range.first(), (int) range.length()));
  }
}
