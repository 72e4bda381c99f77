package com.webdit.server;

import com.webdit.server.render.SampleGrid;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.util.Locale;
import java.util.function.Function;

/**
 * The validated query of GET /api/favicon.png: seed, category, steps, sampler, cfg. Every bad
 * parameter is named in a {@link BadParameter} so the client gets a 400 saying exactly what to fix.
 */
record FaviconRequest(long seed, int category, int steps, SamplerKind sampler, float cfg) {
  static final int MAX_STEPS = 50;
  static final int DEFAULT_STEPS = 12;
  static final float DEFAULT_CFG = 3f; // docs/MODEL.md, Evaluation

  /** A query parameter that cannot be used, with the reason. */
  static final class BadParameter extends RuntimeException {
    final String parameter;

    BadParameter(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }
  }

  /** Reads the query; nullLabel is the model's "any category" label. */
  static FaviconRequest parse(Function<String, String> query, int nullLabel) {
    for (String key : new String[] {"seed", "category", "steps", "sampler", "cfg"}) {
      String v = query.apply(key);
      if (v != null && v.length() > 32) {
        throw new BadParameter(key, key + " is longer than 32 characters");
      }
    }
    long seed = number("seed", query.apply("seed"), 0, 0xFFFFFFFFL, 0);
    int steps = (int) number("steps", query.apply("steps"), 1, MAX_STEPS, DEFAULT_STEPS);
    String samplerName = query.apply("sampler");
    SamplerKind sampler;
    try {
      sampler = samplerName == null ? SamplerKind.DPMPP_2M : SamplerKind.named(samplerName.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameter("sampler", e.getMessage());
    }
    float cfg;
    String cfgText = query.apply("cfg");
    try {
      cfg = cfgText == null ? DEFAULT_CFG : Float.parseFloat(cfgText);
    } catch (NumberFormatException e) {
      throw new BadParameter("cfg", "cfg must be a number in [0, 10], got \"" + cfgText + "\"");
    }
    if (!(cfg >= 0 && cfg <= 10)) {
      throw new BadParameter("cfg", "cfg must be a number in [0, 10], got \"" + cfgText + "\"");
    }
    return new FaviconRequest(seed, category(query.apply("category"), nullLabel), steps, sampler, cfg);
  }

  private static long number(String key, String text, long min, long max, long fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(text.trim());
      if (v < min || v > max) {
        throw new BadParameter(key, key + " must be an integer in [" + min + ", " + max + "], got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadParameter(key, key + " must be an integer in [" + min + ", " + max + "], got \"" + text + "\"");
    }
  }

  /** A category name ("animals"), its index (2), or "any" for unconditional. */
  static int category(String text, int nullLabel) {
    if (text == null || text.isEmpty() || text.equalsIgnoreCase("any")) {
      return nullLabel;
    }
    for (int i = 0; i < SampleGrid.CATEGORIES.length && i < nullLabel; i++) {
      if (SampleGrid.CATEGORIES[i].equalsIgnoreCase(text)) {
        return i;
      }
    }
    try {
      int i = Integer.parseInt(text.trim());
      if (i >= 0 && i <= nullLabel) {
        return i;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error naming the choices
    }
    throw new BadParameter("category", "category must be one of " + String.join(", ", SampleGrid.CATEGORIES)
        + ", any, or an index in [0, " + nullLabel + "], got \"" + text + "\"");
  }

  SampleRequest sampleRequest() {
    return new SampleRequest((int) seed, category, sampler, steps, cfg);
  }

  /** One canonical spelling per request: the cache key and part of the ETag. */
  String canonical() {
    return "seed=" + seed + "&category=" + category + "&steps=" + steps + "&sampler=" + sampler.wireName + "&cfg=" + cfg;
  }
}
