package com.webdit.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The request as every servlet after {@link NoWebSocketFilter} sees it: without its
 * `Sec-WebSocket-*` headers, which only a WebSocket handshake may carry and which send Javalin
 * down its session-creating WebSocket path. Every other header reads as sent.
 */
final class WithoutWebSocketHeaders extends HttpServletRequestWrapper {
  private static final String PREFIX = "sec-websocket-";

  WithoutWebSocketHeaders(HttpServletRequest request) {
    super(request);
  }

  /** True when the request has a header this wrapper hides; most requests have none and go unwrapped. */
  static boolean needed(HttpServletRequest request) {
    for (String name : Collections.list(request.getHeaderNames())) {
      if (hidden(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(String name) {
    return name != null && name.toLowerCase(Locale.ROOT).startsWith(PREFIX);
  }

  @Override
  public String getHeader(String name) {
    return hidden(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = Collections.list(super.getHeaderNames());
    names.removeIf(WithoutWebSocketHeaders::hidden);
    return Collections.enumeration(names);
  }

  @Override
  public int getIntHeader(String name) {
    return hidden(name) ? -1 : super.getIntHeader(name);
  }

  @Override
  public long getDateHeader(String name) {
    return hidden(name) ? -1 : super.getDateHeader(name);
  }
}
