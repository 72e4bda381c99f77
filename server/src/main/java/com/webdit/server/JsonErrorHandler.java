package com.webdit.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer for requests it refuses before any route runs (a malformed request line or
 * header, a URI or headers over the size limits, an unknown HTTP version, an ambiguous path): the
 * README's JSON error instead of Jetty's HTML page. Our own messages, never the request's bytes;
 * none at all for HEAD.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    if (RefusedRequestMethod.isHead(request)) {
      // No body for HEAD (RFC 9110, 9.3.2), nor the GET body's Content-Length: for a request refused
      // in its request line Jetty does not know it answers a HEAD and would fail the response for
      // want of those bytes. Jetty sends Content-Length: 0.
      response.write(true, null, callback);
      return;
    }
    byte[] body = ApiError.body(code, explain(code), null).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static String explain(int code) {
    return switch (code) {
      case 400 -> "the request is malformed (request line, header syntax or an ambiguous path)";
      case 414 -> "the request URI is longer than the server accepts";
      case 431 -> "the request headers are larger than the server accepts";
      case 505 -> "only HTTP/1.0 and HTTP/1.1 are served";
      case 404 -> "nothing at this path";
      case 405 -> "this path does not take that method";
      case 408 -> "the request took too long to arrive";
      case 416 -> "the range is outside the bytes of this encoding (see Content-Range)";
      case 503 -> "the server is stopping; retry on another replica or in a moment";
      default -> "the server could not handle this request";
    };
  }
}
