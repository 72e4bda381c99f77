package com.webdit.client.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.product.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tag a site pastes is written from the embed's own reading of it: {@link EmbedConfig#attributes}
 * reads back through {@link EmbedConfig#of} to the same settings, so the snippet builder cannot
 * suggest a tag the embed reads differently.
 */
class EmbedConfigTest {
  private static EmbedConfig read(Map<String, String> attributes) {
    return EmbedConfig.of(attributes::get);
  }

  private static Map<String, String> tag(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static void assertSameSettings(EmbedConfig a, EmbedConfig b) {
    assertEquals(a.query, b.query);
    assertEquals(a.seeded, b.seeded);
    assertEquals(a.fps, b.fps);
    assertEquals(a.loopMs, b.loopMs);
    assertEquals(a.remix, b.remix);
    assertEquals(a.morph, b.morph);
    assertEquals(a.dtype, b.dtype);
  }

  @Test
  void theWrittenAttributesReadBackToTheSameSettings() {
    for (Map<String, String> t : List.of(tag(), tag("data-category", "animals", "data-steps", "4", "data-loop", "2m"),
        tag("data-seed", "4294967295", "data-sampler", "ddim", "data-cfg", "2.5", "data-fps", "24", "data-loop", "1500ms"),
        tag("data-remix", "0.3", "data-weights", "f16", "data-loop", "45s"),
        tag("data-mode", "morph", "data-sampler", "ddpm", "data-weights", "i4", "data-remix", ""))) {
      EmbedConfig first = read(t);
      Map<String, String> written = first.attributes();
      assertSameSettings(first, read(written));
      assertEquals(List.of(), read(written).warnings, "the written tag " + written + " draws no warning");
    }
  }

  @Test
  void aPlainTagNamesCategoryStepsAndLoopWithTheProductDefaults() {
    assertEquals(tag("data-category", "any", "data-steps", String.valueOf(Limits.DEFAULT_STEPS), "data-loop",
        EmbedConfig.durationText(Limits.DEFAULT_LOOP_MS)), read(tag()).attributes());
    assertEquals("30s", EmbedConfig.durationText(30_000));
    assertEquals("2m", EmbedConfig.durationText(120_000));
    assertEquals("1500ms", EmbedConfig.durationText(1500));
  }

  @Test
  void theScriptTagQuotesItsValues() {
    EmbedConfig c = read(tag("data-category", "animals", "data-mode", "morph"));
    assertEquals("<script async src=\"https://h.example/embed.js?a=1&amp;b=2\" data-category=\"animals\" "
        + "data-steps=\"12\" data-loop=\"30s\" data-mode=\"morph\"></script>", c.scriptTag("https://h.example/embed.js?a=1&b=2"));
  }

  @Test
  void badValuesAreNamedWithTheValueUsedInstead() {
    EmbedConfig c = read(tag("data-steps", "0", "data-loop", "1s", "data-weights", "q2", "data-remix", "7"));
    assertEquals(4, c.warnings.size(), String.valueOf(c.warnings));
    assertTrue(c.warnings.get(c.warnings.size() - 1).startsWith("data-weights \"q2\""), String.valueOf(c.warnings));
    assertEquals(Limits.MIN_LOOP_MS, c.loopMs);
    assertEquals(EmbedConfig.WEIGHTS.get(0), c.dtype);
  }
}
