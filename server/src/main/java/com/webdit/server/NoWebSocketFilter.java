package com.webdit.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * Keeps every request off Javalin's WebSocket path. Javalin's servlet takes that path for any
 * request that carries `Sec-WebSocket-Version`, whatever its `Upgrade` says, and the path creates
 * a servlet session that never expires (and answers 404 even on a real route). The server has no
 * WebSocket endpoints, so:
 *
 * <ul>
 *   <li>a WebSocket handshake, a request whose `Upgrade` lists `websocket` and whose `Connection`
 *       lists `upgrade` (RFC 6455, 4.1), gets a JSON 404 here;
 *   <li>any other request goes on with its `Sec-WebSocket-*` headers hidden, so Javalin answers it
 *       as the plain HTTP request it is: `Upgrade: h2c` or `Upgrade: foo` (no such protocol here),
 *       a stray version or key header.
 * </ul>
 *
 * (Jetty itself answers 400, before any filter, to an `Upgrade` that `Connection` does not name.)
 *
 * Either way nothing reaches the WebSocket path, so no request creates a session.
 */
final class NoWebSocketFilter implements Filter {
  static final String MESSAGE = "this server has no WebSocket endpoints";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (isHandshake(req)) {
      refuse((HttpServletResponse) response);
    } else {
      chain.doFilter(HiddenHeaders.withoutPrefix(req, "Sec-WebSocket-"), response);
    }
  }

  static boolean isHandshake(HttpServletRequest req) {
    return listsToken(req, "Upgrade", "websocket") && listsToken(req, "Connection", "upgrade");
  }

  /**
   * True when any of the header's lines holds the token in its comma-separated list. An upgrade
   * protocol may carry a version (`websocket/13`); the name before the slash is what counts.
   */
  static boolean listsToken(HttpServletRequest req, String header, String token) {
    for (String line : Collections.list(req.getHeaders(header))) {
      for (String item : line.split(",")) {
        String name = item.trim().toLowerCase(Locale.ROOT);
        int slash = name.indexOf('/');
        if ((slash < 0 ? name : name.substring(0, slash).trim()).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void refuse(HttpServletResponse res) throws IOException {
    byte[] body = ApiError.body(404, MESSAGE, null).getBytes(StandardCharsets.UTF_8);
    res.setStatus(404);
    res.setContentType("application/json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
