package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaultsServeTheEmbeddedDemoOn7070() {
    Settings s = Settings.parse(new String[0], Map.of());
    assertEquals(7070, s.port());
    assertEquals("127.0.0.1", s.host(), "loopback unless the operator asks for more");
    assertEquals("0.0.0.0", Settings.parse(new String[] {"--host", "0.0.0.0"}, Map.of()).host());
    assertEquals("::", Settings.parse(new String[0], Map.of("HOST", "::")).host());
    assertNull(s.weightsDir());
    assertTrue(!s.tls());
  }

  @Test
  void flagBeatsEnvironment() {
    assertEquals(9000, Settings.parse(new String[0], Map.of("PORT", "9000")).port());
    assertEquals(9100, Settings.parse(new String[] {"--port", "9100"}, Map.of("PORT", "9000")).port());
  }

  @Test
  void badInputSaysWhatIsWrong() {
    assertEquals("--port expects a number, got \"abc\"",
        assertThrows(Settings.UsageException.class, () -> Settings.parse(new String[] {"--port", "abc"}, Map.of())).getMessage());
    assertEquals("port 70000 is outside [0, 65535]",
        assertThrows(Settings.UsageException.class, () -> Settings.parse(new String[] {"--port", "70000"}, Map.of())).getMessage());
    assertEquals("unknown option --nope",
        assertThrows(Settings.UsageException.class, () -> Settings.parse(new String[] {"--nope", "1"}, Map.of())).getMessage());
    assertEquals("missing value after --port",
        assertThrows(Settings.UsageException.class, () -> Settings.parse(new String[] {"--port"}, Map.of())).getMessage());
    assertTrue(assertThrows(Settings.UsageException.class,
        () -> Settings.parse(new String[] {"--weights", "/no/such/dir"}, Map.of())).getMessage().contains("does not exist"));
  }
}
