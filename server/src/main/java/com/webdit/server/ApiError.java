package com.webdit.server;

import com.webdit.shared.json.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/** Every error leaves the server as JSON: {"status": 404, "error": "Not Found", "message": "..."}. */
final class ApiError {
  private ApiError() {}

  static void send(Context ctx, int status, String message) {
    send(ctx, status, message, null);
  }

  /** With the name of the request parameter at fault, for 400s. */
  static void send(Context ctx, int status, String message, String parameter) {
    ctx.status(status).contentType("application/json").result(body(status, message, parameter));
  }

  /** The JSON text, also written by {@link JsonErrorHandler} for requests that never reach a route. */
  static String body(int status, String message, String parameter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", Long.valueOf(status));
    body.put("error", HttpStatus.getMessage(status));
    body.put("message", message);
    if (parameter != null) {
      body.put("parameter", parameter);
    }
    return Json.write(body);
  }
}
