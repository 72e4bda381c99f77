package com.webdit.client.embed;

import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.Element;

/**
 * One script tag's settings, from its data-attributes (README, "Add it to your site"):
 * data-category, data-steps, data-fps, data-loop, data-seed, data-sampler, data-cfg. Bad values
 * fall back to the defaults with a console warning, never an exception into the host page.
 */
final class EmbedConfig {
  static final String[] CATEGORIES = {"smileys", "people", "animals", "food", "travel", "activities", "objects",
      "symbols", "flags"};
  static final int NULL_LABEL = CATEGORIES.length;

  int label = NULL_LABEL;
  int steps = 12;
  int fps = 12;
  double loopMs = 30_000;
  long seed = -1; // -1: random
  SamplerKind sampler = SamplerKind.DPMPP_2M;
  float cfg = 3f; // docs/MODEL.md, Evaluation: best category accuracy at unchanged FD_emoji
  final java.util.List<String> warnings = new java.util.ArrayList<>();

  static EmbedConfig of(Element tag) {
    EmbedConfig c = new EmbedConfig();
    if (tag == null) {
      return c;
    }
    String category = tag.getAttribute("data-category");
    if (category != null) {
      c.label = label(category, c);
    }
    c.steps = (int) number(tag, "data-steps", c.steps, 1, 100, c);
    c.fps = (int) number(tag, "data-fps", c.fps, 1, 60, c);
    c.seed = (long) number(tag, "data-seed", -1, 0, 4294967295.0, c);
    c.cfg = (float) number(tag, "data-cfg", c.cfg, 0, 10, c);
    String sampler = tag.getAttribute("data-sampler");
    if (sampler != null) {
      try {
        c.sampler = SamplerKind.named(sampler.trim());
      } catch (IllegalArgumentException e) {
        c.warnings.add("data-sampler: " + e.getMessage());
      }
    }
    String loop = tag.getAttribute("data-loop");
    if (loop != null) {
      double ms = duration(loop.trim());
      if (ms < 0) {
        c.warnings.add("data-loop \"" + loop + "\" is not a duration like 30s, 500ms or 2m");
      } else {
        c.loopMs = ms;
      }
    }
    return c;
  }

  static int label(String text, EmbedConfig c) {
    String t = text.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("any")) {
      return NULL_LABEL;
    }
    for (int i = 0; i < CATEGORIES.length; i++) {
      if (CATEGORIES[i].equalsIgnoreCase(t)) {
        return i;
      }
    }
    c.warnings.add("category \"" + text + "\" is not one of " + String.join(", ", CATEGORIES) + " or any");
    return NULL_LABEL;
  }

  private static double number(Element tag, String attr, double fallback, double min, double max, EmbedConfig c) {
    String v = tag.getAttribute(attr);
    if (v == null || v.trim().isEmpty()) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // warned below
    }
    c.warnings.add(attr + "=\"" + v + "\" is outside [" + (long) min + ", " + (long) max + "]; using " + fallback);
    return fallback;
  }

  /** "30s", "500ms", "2m" or a plain number of seconds; -1 when unreadable. */
  static double duration(String text) {
    try {
      if (text.endsWith("ms")) {
        return Double.parseDouble(text.substring(0, text.length() - 2));
      }
      if (text.endsWith("s")) {
        return 1000 * Double.parseDouble(text.substring(0, text.length() - 1));
      }
      if (text.endsWith("m")) {
        return 60_000 * Double.parseDouble(text.substring(0, text.length() - 1));
      }
      return 1000 * Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  String categoryName() {
    return label < CATEGORIES.length ? CATEGORIES[label] : "any";
  }
}
