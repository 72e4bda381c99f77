package com.webdit.server;

import com.webdit.shared.json.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every error leaves the server as JSON: {"status": 404, "error": "Not Found", "message": "..."}. */
final class ApiError {
  private ApiError() {}

  static void send(Context ctx, int status, String message) {
    send(ctx, status, message, null);
  }

  /** With the name of the request parameter at fault, for 400s. */
  static void send(Context ctx, int status, String message, String parameter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", Long.valueOf(status));
    body.put("error", reason(status));
    body.put("message", message);
    if (parameter != null) {
      body.put("parameter", parameter);
    }
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "HTTP " + status;
    };
  }
}
