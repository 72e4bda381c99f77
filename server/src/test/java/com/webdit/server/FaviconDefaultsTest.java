package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the server assumes where a query is silent comes from shared's Limits, as on the demo page. */
class FaviconDefaultsTest {
  private static final Categories CATEGORIES = Categories.numbered(9);

  @Test
  void aParameterLeftOutTakesTheDemosDefault() {
    FaviconQuery none = FaviconQuery.parse(Map.<String, String>of()::get).canonical(CATEGORIES);
    assertEquals(Limits.DEFAULT_SEED, none.seed, "seed");
    assertEquals(Limits.DEFAULT_STEPS, none.steps, "steps");
    assertEquals(Limits.DEFAULT_SAMPLER, none.sampler, "sampler");
    assertEquals((float) Limits.DEFAULT_CFG, (float) none.cfg, "cfg");
    assertEquals(CATEGORIES.size(), none.label(CATEGORIES), "category: any");
    FaviconQuery spelledOut = FaviconQuery.parse(Map.of("seed", String.valueOf(Limits.DEFAULT_SEED), "steps",
        String.valueOf(Limits.DEFAULT_STEPS), "sampler", Limits.DEFAULT_SAMPLER.wireName, "cfg",
        Limits.format(Limits.DEFAULT_CFG), "category", "any")::get).canonical(CATEGORIES);
    assertEquals(spelledOut.toQuery(), none.toQuery(), "no query is the defaults' query: one image, one cache entry");
  }

  @Test
  void anEmptySeedIsTheDefaultSeed() {
    assertEquals(Limits.DEFAULT_SEED, FaviconQuery.parse(Map.of("seed", "")::get).seed);
  }

  @Test
  void theCfgMessageNamesTheProductRange() {
    String range = "[" + Limits.format(Limits.MIN_CFG) + ", " + Limits.format(Limits.MAX_CFG) + "]";
    for (String bad : new String[] {"3f", "11"}) {
      try {
        FaviconQuery.parse(Map.of("cfg", bad)::get);
        throw new AssertionError("cfg=" + bad + " was accepted");
      } catch (FaviconQuery.BadParameter e) {
        assertEquals("cfg", e.field.key);
        assertTrue(e.getMessage().contains(range), "cfg=" + bad + ": " + e.getMessage() + " does not say " + range);
      }
    }
  }

  @Test
  void everyShippedModelDrawsIconsOfTheProductsIconSize() {
    java.util.List<ServedModel> shipped = ModelStore.load(null).all();
    assertFalse(shipped.isEmpty(), "no shipped model on the classpath");
    for (ServedModel m : shipped) {
      assertEquals(Limits.ICON_SIZE, m.weightFile().config().imageSize(), m.fileName() + ": image size");
    }
  }
}
