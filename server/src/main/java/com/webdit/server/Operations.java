package com.webdit.server;

/**
 * How the server behaves towards slow, many or departing clients: the knobs an operator tunes
 * for a public deployment (README, Server options).
 *
 * @param headerDeadlineMillis a request's line and headers must arrive within this long of its
 *     first byte, or the connection is closed (a client trickling bytes resets the idle timeout)
 * @param shutdownGraceMillis on SIGTERM, how long in-flight requests (renders) may take to finish
 * @param accessLog "off", "-" for stdout, or a file to append to; written asynchronously
 */
public record Operations(long headerDeadlineMillis, long shutdownGraceMillis, String accessLog) {
  public static final long DEFAULT_HEADER_DEADLINE_MILLIS = 10_000;
  public static final long DEFAULT_SHUTDOWN_GRACE_MILLIS = 30_000;
  public static final String ACCESS_LOG_OFF = "off";
  public static final String ACCESS_LOG_STDOUT = "-";

  public Operations {
    if (headerDeadlineMillis < 1) {
      throw new Settings.UsageException("header deadline must be positive, got " + headerDeadlineMillis + " ms");
    }
    if (shutdownGraceMillis < 0) {
      throw new Settings.UsageException("shutdown grace must not be negative, got " + shutdownGraceMillis + " ms");
    }
    if (accessLog == null || accessLog.isEmpty()) {
      throw new Settings.UsageException("access log must be off, - (stdout) or a file");
    }
  }

  public static Operations defaults() {
    return new Operations(DEFAULT_HEADER_DEADLINE_MILLIS, DEFAULT_SHUTDOWN_GRACE_MILLIS, ACCESS_LOG_OFF);
  }

  public Operations withHeaderDeadline(long millis) {
    return new Operations(millis, shutdownGraceMillis, accessLog);
  }

  public Operations withShutdownGrace(long millis) {
    return new Operations(headerDeadlineMillis, millis, accessLog);
  }

  public Operations withAccessLog(String target) {
    return new Operations(headerDeadlineMillis, shutdownGraceMillis, target);
  }
}
