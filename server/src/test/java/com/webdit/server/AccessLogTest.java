package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log: off by default (no per-request log work), or one greppable line per request. */
class AccessLogTest {
  @TempDir Path dir;

  @Test
  void offByDefaultSoRequestsLogNothing() throws Exception {
    assertEquals(Operations.ACCESS_LOG_OFF, Settings.defaults().operations().accessLog());
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    root.addAppender(events);
    try (TestServer s = TestServer.start()) {
      for (int i = 0; i < 5; i++) {
        s.get("/api/health");
        s.get("/no/such/page");
      }
    } finally {
      root.detachAppender(events);
    }
    // No synchronous INFO line per request on stderr (it would be 10 here).
    assertEquals(List.of(), events.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("/api/health") || m.contains("/no/such/page")).toList());
  }

  @Test
  void aFileGetsOneKeyValueLinePerRequest() throws Exception {
    Path log = dir.resolve("access.log");
    Settings settings = Settings.defaults().withOperations(Operations.defaults().withAccessLog(log.toString()));
    try (TestServer s = TestServer.start(settings)) {
      s.get("/api/health");
      s.get("/no/such/page");
      s.get("/api/favicon.png?seed=abc");
    } // stopping flushes the asynchronous appender and closes the file
    List<String> lines = Files.readAllLines(log);
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).matches("\\S+ remote=\\S+ method=GET uri=/api/health status=200 ms=[0-9.]+ bytes=\\S+"), lines.get(0));
    assertTrue(lines.get(1).contains(" uri=/no/such/page status=404 "), lines.get(1));
    assertTrue(lines.get(2).contains(" uri=/api/favicon.png?seed=abc status=400 "), lines.get(2));
  }

  /** Weight files and embed.js are served beside Javalin's routes (PublishedFiles): they are logged all the same. */
  @Test
  void publishedFilesAreLoggedToo() throws Exception {
    Path log = dir.resolve("access.log");
    Settings settings = Settings.defaults().withOperations(Operations.defaults().withAccessLog(log.toString()));
    String weights = "/weights/" + ModelStore.load(null).preferred().fileName();
    int length;
    try (TestServer s = TestServer.start(settings)) {
      length = s.get(weights, "Accept-Encoding", "br").body().length;
      s.get("/embed.js");
      s.get("/weights/missing.safetensors");
    }
    List<String> lines = Files.readAllLines(log);
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains(" uri=" + weights + " status=200 ") && lines.get(0).endsWith(" bytes=" + length), lines.get(0));
    assertTrue(lines.get(1).contains(" uri=/embed.js status=200 "), lines.get(1));
    assertTrue(lines.get(2).contains(" uri=/weights/missing.safetensors status=404 "), lines.get(2));
  }
}
