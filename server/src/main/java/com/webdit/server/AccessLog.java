package com.webdit.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.LoggerFactory;

/**
 * One line per request, `key=value` so it greps and parses, written by logback's asynchronous
 * appender: the request thread only enqueues, and when the queue is full (a disk slower than the
 * traffic) lines are dropped rather than requests slowed. The synchronous INFO line per request
 * on stderr it replaces cost ~20 % of throughput and 341 MB in 7 minutes under load (docs/LOAD.md).
 * Off by default; `--access-log -` for stdout (containers), or a file. Jetty's request log, not
 * Javalin's: it sees every request, those of Javalin's routes, of the published files (weights,
 * embed.js, served by Jetty's resource servlet beside Javalin's) and those Jetty refuses itself.
 */
final class AccessLog implements RequestLog {
  static final String LOGGER = "webdit.access";
  static final int QUEUE = 8192;

  private final ch.qos.logback.classic.Logger logger;

  private AccessLog(ch.qos.logback.classic.Logger logger) {
    this.logger = logger;
  }

  /** Null when the target is "off": then Jetty does no per-request logging work at all. */
  static AccessLog open(String target) {
    if (Operations.ACCESS_LOG_OFF.equals(target)) {
      return null;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink;
    if (Operations.ACCESS_LOG_STDOUT.equals(target)) {
      sink = new ConsoleAppender<>();
    } else {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setFile(target);
      file.setAppend(true);
      file.setImmediateFlush(false); // buffered: flushed when the buffer fills and on stop
      sink = file;
    }
    sink.setContext(context);
    sink.setName("webdit-access-sink");
    sink.setEncoder(encoder);
    sink.start();
    if (!sink.isStarted()) {
      throw new IllegalArgumentException("cannot open access log " + target);
    }
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("webdit-access");
    async.setQueueSize(QUEUE);
    async.setDiscardingThreshold(0); // all lines are INFO: keep them all until the queue is full
    async.setNeverBlock(true); // then drop, never make a request wait for the disk
    async.addAppender(sink);
    async.start();
    ch.qos.logback.classic.Logger logger = context.getLogger(LOGGER);
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false); // not also on stderr
    logger.setLevel(Level.INFO);
    logger.addAppender(async);
    return new AccessLog(logger);
  }

  /** The line: remote, method, raw URI (percent-encoded, so no spaces or newlines), status, time, bytes. */
  @Override
  public void log(Request request, Response response) {
    HttpURI uri = request.getHttpURI();
    String length = response.getHeaders().get(HttpHeader.CONTENT_LENGTH);
    // Built by hand: String.format and logback's {} substitution cost more than the rest of a cached request.
    StringBuilder line = new StringBuilder(160).append("remote=").append(Request.getRemoteAddr(request))
        .append(" method=").append(request.getMethod()).append(" uri=").append(uri.getPath());
    if (uri.getQuery() != null) {
      line.append('?').append(uri.getQuery());
    }
    long tenths = NanoTime.since(request.getBeginNanoTime()) / 100_000;
    line.append(" status=").append(response.getStatus()).append(" ms=").append(tenths / 10).append('.').append(tenths % 10)
        .append(" bytes=").append(length == null ? "-" : length);
    logger.info(line.toString());
  }

  /** Flushes what is queued and closes the file. */
  void close() {
    logger.detachAndStopAllAppenders();
  }
}
