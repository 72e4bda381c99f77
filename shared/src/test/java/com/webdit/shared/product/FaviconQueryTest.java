package com.webdit.shared.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.webdit.shared.sampling.SamplerKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one favicon query: every field round-trips, one rule for case and names, one default. */
class FaviconQueryTest {
  private static final Categories CATS = Categories.of(List.of("smileys", "animals", "food"));

  private static FaviconQuery parse(String query) {
    Map<String, String> m = new HashMap<>();
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      m.putIfAbsent(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return FaviconQuery.parse(m::get);
  }

  @Test
  void everyFieldRoundTrips() {
    FaviconQuery q = FaviconQuery.DEFAULT.withSeed(4294967295L).withCategory("animals").withSteps(Limits.MAX_STEPS)
        .withSampler(SamplerKind.DDIM).withCfg(2.5);
    assertEquals("seed=4294967295&category=animals&steps=50&sampler=ddim&cfg=2.5", q.toQuery());
    assertEquals(q, parse(q.toQuery()));
    for (FaviconQuery.Field f : FaviconQuery.Field.values()) {
      FaviconQuery changed = switch (f) {
        case SEED -> q.withSeed(7);
        case CATEGORY -> q.withCategory("food");
        case STEPS -> q.withSteps(3);
        case SAMPLER -> q.withSampler(SamplerKind.DDPM);
        case CFG -> q.withCfg(0.3);
        case STRENGTH -> q.withRemix(red()).withStrength(0.3);
        case REMIX -> q.withRemix(red());
      };
      assertNotEquals(q, changed, f.key + " changes the query");
      assertEquals(changed, parse(changed.toQuery()), f.key + " round-trips");
    }
  }

  /** A red, opaque icon: the remix start. */
  private static byte[] red() {
    byte[] rgba = new byte[FaviconQuery.REMIX_BYTES];
    for (int i = 0; i < rgba.length; i += 4) {
      rgba[i] = (byte) 255;
      rgba[i + 3] = (byte) 255;
    }
    return rgba;
  }

  @Test
  void aRemixCarriesItsStartAsBase64UrlAndStrengthOneIsPlainGeneration() {
    FaviconQuery remix = FaviconQuery.DEFAULT.withRemix(red()).withStrength(0.4);
    String query = remix.toQuery();
    assertEquals(true, query.endsWith("&strength=0.4&remix=" + com.webdit.shared.icon.Base64Url.encode(red())), query);
    assertEquals(remix, parse(query));
    assertEquals(FaviconQuery.REMIX_BYTES, parse(query).remixRgba().length);
    assertEquals(255, parse(query).remixRgba()[0]);
    assertEquals(FaviconQuery.DEFAULT.toQuery(), remix.withStrength(1).canonical(CATS).toQuery(),
        "strength 1 ignores the icon: one image, one query");
    assertEquals(FaviconQuery.DEFAULT.toQuery(), FaviconQuery.DEFAULT.withStrength(0.3).canonical(CATS).toQuery(),
        "a strength without a start changes nothing");
  }

  @Test
  void aBadRemixNamesTheRemix() {
    String good = com.webdit.shared.icon.Base64Url.encode(red());
    for (String bad : new String[] {good.substring(1), good.substring(4), good.replace('A', '+'), good + "=",
        com.webdit.shared.icon.Base64Url.encode(new byte[3000]), good + good}) {
      FaviconQuery.BadParameter e = assertThrows(FaviconQuery.BadParameter.class, () -> parse("remix=" + bad));
      assertEquals("remix", e.field.key, e.getMessage());
    }
    assertEquals("strength", assertThrows(FaviconQuery.BadParameter.class, () -> parse("strength=0")).field.key);
  }

  @Test
  void nothingGivenIsTheDefaultEverywhere() {
    assertEquals(FaviconQuery.DEFAULT, parse(""));
    assertEquals(Limits.DEFAULT_SEED, FaviconQuery.DEFAULT.seed);
    assertEquals(CATS.size(), FaviconQuery.DEFAULT.label(CATS), "no category is unconditional");
    assertEquals(FaviconQuery.DEFAULT, parse("seed=&steps=&category="), "a blank form field is not given");
  }

  @Test
  void namesMatchInAnyCaseAndCategoriesByIndex() {
    assertEquals(1, parse("category=ANIMALS").label(CATS));
    assertEquals(1, parse("category=1").label(CATS));
    assertEquals(CATS.size(), parse("category=Any").label(CATS));
    assertEquals(CATS.size(), parse("category=3").label(CATS));
    assertEquals(SamplerKind.DDIM, parse("sampler=DDIM").sampler);
    assertEquals("animals", parse("category=Animals").canonical(CATS).category);
    assertEquals(parse("category=1&cfg=3.0").canonical(CATS), parse("category=animals&cfg=3").canonical(CATS),
        "one image, one canonical query");
  }

  @Test
  void badValuesNameTheirParameter() {
    String[][] cases = {{"seed=-1", "seed"}, {"seed=4294967296", "seed"}, {"seed=1e3", "seed"}, {"seed=%201", "seed"},
        {"steps=0", "steps"}, {"steps=51", "steps"}, {"sampler=euler", "sampler"}, {"sampler=", "sampler"},
        {"cfg=NaN", "cfg"}, {"cfg=11", "cfg"}, {"cfg=", "cfg"}, {"category=%C5%BFmileys", "category"},
        {"seed=" + "1".repeat(40), "seed"}};
    for (String[] c : cases) {
      FaviconQuery.BadParameter e = assertThrows(FaviconQuery.BadParameter.class, () -> parse(c[0]), c[0]);
      assertEquals(c[1], e.field.key, c[0] + ": " + e.getMessage());
    }
    FaviconQuery.BadParameter unknown = assertThrows(FaviconQuery.BadParameter.class,
        () -> parse("category=dragons").label(CATS));
    assertEquals(FaviconQuery.Field.CATEGORY, unknown.field);
    assertThrows(FaviconQuery.BadParameter.class, () -> parse("category=4").label(CATS), "past the null label");
  }
}
