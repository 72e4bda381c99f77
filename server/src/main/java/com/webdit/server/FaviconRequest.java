package com.webdit.server;

import com.webdit.shared.product.Categories;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated query of GET /api/favicon.png: seed, category, steps, sampler, cfg; a parameter
 * left out takes the product's default ({@link Limits}), as on the demo page. Every bad
 * parameter is named in a {@link BadParameter} so the client gets a 400 saying exactly what to fix.
 */
record FaviconRequest(long seed, int category, int steps, SamplerKind sampler, float cfg) {
  static final int MAX_STEPS = Limits.MAX_STEPS;
  private static final String CFG_RANGE = "[" + Limits.format(Limits.MIN_CFG) + ", " + Limits.format(Limits.MAX_CFG) + "]";
  /** 1 to 18 ASCII digits ([0-9] in java.util.regex is ASCII only): fits a long without overflow. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  /** A JSON-style non-negative decimal (what a browser's Number#toString writes): 3, 2.5, .5, 1e-7. */
  private static final Pattern DECIMAL = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");

  /** A query parameter that cannot be used, with the reason. */
  static final class BadParameter extends RuntimeException {
    final String parameter;

    BadParameter(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }
  }

  /** Reads the query; categories are the served model's names (label size() is "any"). */
  static FaviconRequest parse(Function<String, String> query, Categories categories) {
    for (String key : new String[] {"seed", "category", "steps", "sampler", "cfg"}) {
      String v = query.apply(key);
      if (v != null && v.length() > 32) {
        throw new BadParameter(key, key + " is longer than 32 characters");
      }
      if (v != null && !printableAscii(v)) {
        // One spelling per value: Unicode digits, case-folding look-alikes (U+017F for 's') and a
        // NUL that trim() would drop all make two URLs for one image and two cache entries.
        throw new BadParameter(key, key + " must be printable ASCII");
      }
    }
    long seed = number("seed", query.apply("seed"), 0, (long) Limits.MAX_SEED, Limits.DEFAULT_SEED);
    int steps = (int) number("steps", query.apply("steps"), Limits.MIN_STEPS, Limits.MAX_STEPS, Limits.DEFAULT_STEPS);
    String samplerName = query.apply("sampler");
    SamplerKind sampler;
    try {
      sampler = samplerName == null ? Limits.DEFAULT_SAMPLER : SamplerKind.named(samplerName.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameter("sampler", e.getMessage());
    }
    String cfgText = query.apply("cfg");
    // Decimal only: Float.parseFloat would also take "3f", "3d", "0x1p3", "NaN" and "Infinity".
    if (cfgText != null && !DECIMAL.matcher(cfgText).matches()) {
      throw new BadParameter("cfg", "cfg must be a decimal number in " + CFG_RANGE + ", got \"" + cfgText + "\"");
    }
    float cfg = cfgText == null ? (float) Limits.DEFAULT_CFG : Float.parseFloat(cfgText);
    if (Limits.checkCfg(cfg) != null) {
      throw new BadParameter("cfg", "cfg must be a number in " + CFG_RANGE + ", got \"" + cfgText + "\"");
    }
    return new FaviconRequest(seed, category(query.apply("category"), categories), steps, sampler, cfg);
  }

  private static long number(String key, String text, long min, long max, long fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    // ASCII digits only: Long.parseLong would also take "+1" and Arabic-Indic or full-width digits.
    if (!DIGITS.matcher(text).matches()) {
      throw new BadParameter(key, key + " must be an integer in [" + min + ", " + max + "], got \"" + text + "\"");
    }
    long v = Long.parseLong(text); // at most 18 digits: cannot overflow
    if (v < min || v > max) {
      throw new BadParameter(key, key + " must be an integer in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** A category name ("animals"), its index (2), or "any" for unconditional. */
  static int category(String text, Categories categories) {
    int nullLabel = categories.size();
    if (text == null || text.isEmpty()) {
      return nullLabel;
    }
    int named = categories.label(text);
    if (named >= 0 && !text.equals(text.trim())) {
      named = -1; // one spelling per value
    }
    if (named >= 0) {
      return named;
    }
    if (DIGITS.matcher(text).matches()) {
      long i = Long.parseLong(text);
      if (i >= 0 && i <= nullLabel) {
        return (int) i;
      }
    }
    throw new BadParameter("category", "category must be one of " + String.join(", ", categories.names())
        + ", any, or an index in [0, " + nullLabel + "], got \"" + text + "\"");
  }

  SampleRequest sampleRequest() {
    return new SampleRequest((int) seed, category, sampler, steps, cfg, Limits.DEFAULT_GUIDANCE);
  }

  /** One canonical spelling per request: the cache key and part of the ETag. */
  String canonical() {
    return "seed=" + seed + "&category=" + category + "&steps=" + steps + "&sampler=" + sampler.wireName + "&cfg=" + cfg;
  }
}
