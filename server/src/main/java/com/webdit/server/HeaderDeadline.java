package com.webdit.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes HTTP/1 connections whose request line and headers take longer than the deadline to
 * arrive. Jetty has only an idle timeout, which every received byte resets, so a client sending
 * one header byte every 10 s held a connection (and a thread's worth of buffers) forever
 * ("slowloris", docs/LOAD.md). A sweep looks at each connection's parser a few times per deadline: a
 * request that is still in its request line or headers after the deadline loses its connection.
 * Bodies are not affected (our routes take none), nor are idle keep-alive connections (the idle
 * timeout handles those).
 */
final class HeaderDeadline extends AbstractLifeCycle {
  private final Server server;
  private final long deadlineNanos;
  private final long sweepMillis;
  /** When each endpoint's current request was first seen in its headers, and which request that was. */
  private final Map<EndPoint, long[]> started = new HashMap<>();
  private ScheduledExecutorService sweeper;

  HeaderDeadline(Server server, long deadlineMillis) {
    this.server = server;
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    this.sweepMillis = Math.max(50, deadlineMillis / 10);
  }

  @Override
  protected void doStart() {
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webdit-header-deadline");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
  }

  /** Only the sweeper thread touches {@link #started}. */
  void sweep() {
    long now = System.nanoTime();
    Set<EndPoint> seen = new HashSet<>();
    for (Connector connector : server.getConnectors()) {
      for (EndPoint endPoint : connector.getConnectedEndPoints()) {
        Connection connection = endPoint.getConnection();
        if (connection instanceof SslConnection tls) {
          connection = tls.getSslEndPoint().getConnection(); // HTTP inside TLS
        }
        if (!(connection instanceof HttpConnection http)) {
          continue; // e.g. a TLS handshake in progress: no request head yet
        }
        seen.add(endPoint);
        if (!inRequestHead(http.getParser())) {
          started.remove(endPoint);
          continue;
        }
        long request = http.getMessagesIn();
        long[] since = started.get(endPoint);
        if (since == null || since[1] != request) {
          started.put(endPoint, new long[] {now, request}); // a new request began receiving its head
        } else if (now - since[0] > deadlineNanos) {
          endPoint.close(new TimeoutException("request headers took longer than the deadline"));
          started.remove(endPoint);
        }
      }
    }
    started.keySet().retainAll(seen);
  }

  /** Some bytes of a request have arrived, but not yet its whole head. */
  private static boolean inRequestHead(HttpParser parser) {
    HttpParser.State state = parser.getState();
    return state.ordinal() > HttpParser.State.START.ordinal() && state.ordinal() < HttpParser.State.CONTENT.ordinal();
  }
}
