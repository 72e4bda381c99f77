package com.webdit.client.embed;

import com.webdit.client.runtime.MorphWalk;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.Element;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One script tag's settings, from its data-attributes (README, "Add it to your site"), checked
 * against the shared {@link Limits} so the embed asks the server only what the server accepts.
 * Bad values fall back to the defaults with a console warning, never an exception into the host
 * page. The category stays a name until the model list says which names exist.
 */
final class EmbedConfig {
  /**
   * data-category, data-steps, data-sampler, data-cfg and data-seed, read by the one favicon
   * query rule (values trimmed: attributes are hand-written); a tag without data-seed has the
   * default seed here and {@link #seeded} false.
   */
  final FaviconQuery query;
  /** data-seed given: the tag's favicons start at that seed (and its server pool does); else random seeds. */
  final boolean seeded;
  final int fps;
  final double loopMs;
  /** data-gpu: which WebGPU adapters may draw. */
  final GpuChoice gpu;
  /** data-iframe="run": draw even inside a frame, whose icon nobody sees. */
  final boolean runInFrame;
  /** data-remix="0.4": variations of the page's own icon at this strength; 0 when off. */
  final double remix;
  /** data-mode="morph": the icon walks smoothly from seed to seed instead of redrawing every data-loop. */
  final boolean morph;
  /** data-weights: "f16", "i8" or "i4", the weight file the engine downloads (int8 unless the tag says). */
  final String dtype;
  /** What was wrong with the tag's attributes, each with the value used instead. */
  final List<String> warnings;

  private EmbedConfig(Builder b) {
    query = b.query;
    seeded = b.seeded;
    fps = b.fps;
    loopMs = b.loopMs;
    gpu = b.gpu;
    runInFrame = b.runInFrame;
    remix = b.remix;
    morph = b.morph;
    dtype = b.dtype;
    warnings = Collections.unmodifiableList(b.warnings);
  }

  /** The favicon query of this tag for one seed. */
  FaviconQuery query(long seed) {
    return query.withSeed(seed);
  }

  /** The values while a tag is read. */
  private static final class Builder {
    FaviconQuery query = FaviconQuery.DEFAULT;
    boolean seeded;
    int fps = Limits.DEFAULT_FPS;
    double loopMs = Limits.DEFAULT_LOOP_MS;
    GpuChoice gpu = GpuChoice.AUTO;
    boolean runInFrame;
    double remix;
    boolean morph;
    String dtype = "i8";
    final List<String> warnings = new ArrayList<>();
  }

  static EmbedConfig of(Element tag) {
    Builder c = new Builder();
    if (tag == null) {
      return new EmbedConfig(c);
    }
    // data-remix is the tag's own attribute (a strength; the start is the page's icon), read below.
    for (FaviconQuery.Field f : FaviconQuery.PLAIN_FIELDS) {
      String v = tag.getAttribute("data-" + f.key);
      if (v == null) {
        continue;
      }
      try {
        c.query = c.query.with(f, v.trim());
        c.seeded |= f == FaviconQuery.Field.SEED && !v.trim().isEmpty();
      } catch (FaviconQuery.BadParameter e) {
        c.warnings.add("data-" + f.key + ": " + e.getMessage() + "; using "
            + (f == FaviconQuery.Field.SEED ? "random seeds" : "the default"));
      }
    }
    c.fps = (int) number(c, tag, "data-fps", c.fps, Limits::checkFps);
    String loop = tag.getAttribute("data-loop");
    if (loop != null) {
      double ms = duration(loop.trim());
      if (ms < 0) {
        c.warnings.add("data-loop \"" + loop + "\" is not a duration like 30s, 500ms or 2m; using 30s");
      } else if (ms < Limits.MIN_LOOP_MS) {
        c.warnings.add("data-loop \"" + loop + "\" is shorter than the minimum of " + (long) (Limits.MIN_LOOP_MS / 1000)
            + " s; using that");
        c.loopMs = Limits.MIN_LOOP_MS;
      } else {
        c.loopMs = ms;
      }
    }
    if (tag.hasAttribute("data-remix")) {
      String remix = tag.getAttribute("data-remix").trim();
      c.remix = remix.isEmpty() ? Limits.DEFAULT_REMIX_STRENGTH
          : number(c, tag, "data-remix", Limits.DEFAULT_REMIX_STRENGTH, Limits::checkStrength);
    }
    String mode = tag.getAttribute("data-mode");
    if (mode != null) {
      if ("morph".equals(mode.trim())) {
        c.morph = true;
      } else if (!"loop".equals(mode.trim())) {
        c.warnings.add("data-mode \"" + mode + "\" is neither loop nor morph; using loop");
      }
    }
    SamplerKind smooth = MorphWalk.smoothSampler(c.query.sampler);
    if (c.morph && smooth != c.query.sampler) {
      c.warnings.add("data-mode=\"morph\" needs a deterministic sampler; using " + smooth.wireName + " instead of "
          + c.query.sampler.wireName);
      c.query = c.query.withSampler(smooth);
    }
    c.gpu = GpuChoice.of(tag.getAttribute("data-gpu"));
    c.runInFrame = "run".equals(tag.getAttribute("data-iframe"));
    String weights = tag.getAttribute("data-weights");
    if ("f16".equals(weights) || "i8".equals(weights) || "i4".equals(weights)) {
      c.dtype = weights;
    }
    return new EmbedConfig(c);
  }

  /**
   * Which WebGPU adapters may draw (data-gpu). A software adapter (SwiftShader, llvmpipe, WARP)
   * costs a visitor a pegged CPU core for tens of seconds per favicon, so by default it, and any
   * adapter whose first generation takes more than FaviconRuntime.SLOW_MS_PER_STEP per step, is left
   * to the server. The browser tests run on SwiftShader and so need the other two values.
   */
  enum GpuChoice {
    /** data-gpu="auto" (or absent): hardware adapters, and only while fast enough. */
    AUTO(false, true),
    /**
     * data-gpu="software": software adapters too, but still only while fast enough. For tests: it
     * lets the first-step rule fire on SwiftShader, which "any" switches off.
     */
    SOFTWARE(true, true),
    /** data-gpu="any": any adapter, however slow (the tests that draw on SwiftShader). */
    ANY(true, false);

    final boolean softwareAdapters;
    final boolean slownessRule;

    GpuChoice(boolean softwareAdapters, boolean slownessRule) {
      this.softwareAdapters = softwareAdapters;
      this.slownessRule = slownessRule;
    }

    static GpuChoice of(String attribute) {
      if ("any".equals(attribute)) {
        return ANY;
      }
      return "software".equals(attribute) ? SOFTWARE : AUTO;
    }
  }

  private interface Check {
    String problem(double value);
  }

  private static double number(Builder c, Element tag, String attr, double fallback, Check check) {
    String v = tag.getAttribute(attr);
    if (v == null || v.trim().isEmpty()) {
      return fallback;
    }
    String problem;
    try {
      double d = Double.parseDouble(v.trim());
      problem = check.problem(d);
      if (problem == null) {
        return d;
      }
    } catch (NumberFormatException e) {
      problem = "\"" + v + "\" is not a number";
    }
    c.warnings.add(attr + ": " + problem + "; using " + Limits.format(fallback));
    return fallback;
  }

  /** "30s", "500ms", "2m" or a plain number of seconds; -1 when unreadable. */
  static double duration(String text) {
    try {
      double ms;
      if (text.endsWith("ms")) {
        ms = Double.parseDouble(text.substring(0, text.length() - 2));
      } else if (text.endsWith("s")) {
        ms = 1000 * Double.parseDouble(text.substring(0, text.length() - 1));
      } else if (text.endsWith("m")) {
        ms = 60_000 * Double.parseDouble(text.substring(0, text.length() - 1));
      } else {
        ms = 1000 * Double.parseDouble(text);
      }
      return ms >= 0 && ms < Double.POSITIVE_INFINITY ? ms : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
