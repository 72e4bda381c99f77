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
import java.util.Locale;

/**
 * Answers every WebSocket upgrade with a JSON 404 before Javalin sees it. The server has no
 * WebSocket endpoints, yet Javalin's upgrade path creates a servlet session for each attempt, and
 * those never expire: 20,000 upgrade requests held 20,000 sessions (issue 10). Stopping the request
 * here means no session is ever created.
 */
final class NoWebSocketFilter implements Filter {
  static final String MESSAGE = "this server has no WebSocket endpoints";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String upgrade = ((HttpServletRequest) request).getHeader("Upgrade");
    if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse res = (HttpServletResponse) response;
    byte[] body = ApiError.body(404, MESSAGE, null).getBytes(StandardCharsets.UTF_8);
    res.setStatus(404);
    res.setContentType("application/json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
