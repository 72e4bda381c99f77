package com.webdit.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A request as the servlets after this point see it: without some of its headers, every other
 * header read as sent. {@link NoWebSocketFilter} hides `Sec-WebSocket-*` (which send Javalin down
 * its session-creating WebSocket path); {@link PublishedFiles} hides the conditional and range
 * headers it has already answered itself before handing the request to Jetty.
 */
final class HiddenHeaders extends HttpServletRequestWrapper {
  private final Predicate<String> hidden;

  /** @param hidden true for a header name (in lower case) to hide */
  private HiddenHeaders(HttpServletRequest request, Predicate<String> hidden) {
    super(request);
    this.hidden = hidden;
  }

  /** The request without the named headers (any case). */
  static HttpServletRequest without(HttpServletRequest request, Set<String> names) {
    Set<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return new HiddenHeaders(request, lower::contains);
  }

  /** The request without the headers whose names start with prefix (any case); itself when it has none. */
  static HttpServletRequest withoutPrefix(HttpServletRequest request, String prefix) {
    String lower = prefix.toLowerCase(Locale.ROOT);
    Predicate<String> hidden = name -> name.startsWith(lower);
    for (String name : Collections.list(request.getHeaderNames())) {
      if (hidden.test(name.toLowerCase(Locale.ROOT))) {
        return new HiddenHeaders(request, hidden);
      }
    }
    return request; // the common case: no wrapper, nothing changes
  }

  private boolean hidden(String name) {
    return name != null && hidden.test(name.toLowerCase(Locale.ROOT));
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
    names.removeIf(this::hidden);
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
