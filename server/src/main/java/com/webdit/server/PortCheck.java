package com.webdit.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Binds and releases each port before Jetty does, so a busy port or a bad address is one line
 * for the operator. (Jetty's own bind failure comes with an ERROR log and a stack trace.) A race
 * with another process in between is still caught by Main, only less tidily.
 */
final class PortCheck {
  private PortCheck() {}

  /** Throws {@link Unavailable} naming host and port when they cannot be bound now. */
  static void requireFree(String host, int port) {
    if (port == 0) {
      return; // the system picks a free one
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free to it
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      String why = e instanceof java.net.BindException ? "is already in use or not allowed" : "cannot be bound";
      throw new Unavailable("port " + port + " on " + host + " " + why + " (" + e.getMessage()
          + "); choose another with --port or PORT");
    }
  }

  static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
