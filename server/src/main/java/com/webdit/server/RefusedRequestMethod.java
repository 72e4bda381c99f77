package com.webdit.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Whether a request Jetty refused was a HEAD, which must be answered without a body.
 *
 * <p>When Jetty gives up inside the request line (a URI over the size limit, an unknown HTTP
 * version, a bad escape) it has no request yet and hands the error handler a stand-in whose
 * method is "BAD". The method it already read stays in its HTTP/1 parser until the next request
 * begins, in a private field: Jetty offers no accessor, so it is read here. Should a Jetty
 * upgrade rename it, {@link #METHOD} is null, such requests count as not HEAD (they get the JSON
 * body, as before), and HeadTest's check on 414 and 505 fails and says so.
 */
final class RefusedRequestMethod {
  private static final VarHandle METHOD = parserMethod();

  private RefusedRequestMethod() {}

  static boolean isHead(Request request) {
    if (HttpMethod.HEAD.is(request.getMethod())) {
      return true;
    }
    if (METHOD != null && request.getConnectionMetaData().getConnection() instanceof HttpConnection http) {
      return METHOD.get(http.getParser()) instanceof String method && HttpMethod.HEAD.is(method);
    }
    return false;
  }

  private static VarHandle parserMethod() {
    try {
      return MethodHandles.privateLookupIn(HttpParser.class, MethodHandles.lookup())
          .findVarHandle(HttpParser.class, "_methodString", String.class);
    } catch (ReflectiveOperationException | SecurityException e) {
      return null;
    }
  }
}
