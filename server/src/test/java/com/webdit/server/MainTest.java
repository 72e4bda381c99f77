package com.webdit.server;

import com.webdit.shared.fixtures.RandomModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.fixtures.ModelRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `java ... Main` in a child JVM, as an operator runs it: what it prints and how it exits. */
class MainTest {
  @TempDir Path dir;

  record Run(int exit, String stdout, String stderr) {}

  static Run java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("main", ".out");
    Path err = Files.createTempFile("main", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Run r, String... fragments) {
    assertEquals(Main.EXIT_STARTUP, r.exit(), r.stderr());
    String[] lines = r.stderr().strip().split("\n");
    assertEquals(1, lines.length, "one line, no stack trace:\n" + r.stderr());
    for (String f : fragments) {
      assertTrue(lines[0].contains(f), lines[0] + " lacks " + f);
    }
    assertFalse(r.stderr().contains("\tat "), r.stderr());
  }

  @Test
  void aBadWeightFileIsOneLineNamingItAndExitsNonZero() throws Exception {
    byte[] bytes = RandomModel.fp16(ModelRegistry.tiny(), 1);
    bytes[9] = 'x';
    Files.write(dir.resolve("broken.safetensors"), bytes);
    assertOneLine(java("--weights", dir.toString(), "--port", "0"), "error: weight file broken.safetensors", "not valid JSON");
  }

  @Test
  void aBusyPortIsOneLineAndExitsNonZero() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertOneLine(java("--port", Integer.toString(port)), "error: port " + port, "127.0.0.1", "in use");
    }
  }
}
