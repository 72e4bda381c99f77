package com.webdit.client.embed;

import com.webdit.client.runtime.MorphWalk;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.Element;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One script tag's settings, from its data-attributes (README, "Add it to your site"), checked
 * against the shared {@link Limits} so the embed asks the server only what the server accepts.
 * Bad values fall back to the defaults with a console warning, never an exception into the host
 * page. The category stays a name until the model list says which names exist.
 */
public final class EmbedConfig {
  /** data-weights: the weight files a tag may ask for, the default first. */
  public static final List<String> WEIGHTS = List.of("i4", "i8", "f16");
  /**
   * data-weights when a tag says none: int4 (embedders and final linear layer int8), 29 % of fp16's
   * bytes within 1.2 % of its quality on the yardstick (docs/MODEL.md, "4-bit weights").
   */
  public static final String DEFAULT_WEIGHTS = WEIGHTS.get(0);

  /** Where a tag's attributes come from: its element, or a snippet being built (null: absent). */
  public interface Attributes {
    String get(String name);
  }

  /**
   * data-category, data-steps, data-sampler, data-cfg and data-seed, read by the one favicon
   * query rule (values trimmed: attributes are hand-written); a tag without data-seed has the
   * default seed here and {@link #seeded} false.
   */
  public final FaviconQuery query;
  /** data-seed given: the tag's favicons start at that seed (and its server pool does); else random seeds. */
  public final boolean seeded;
  final int fps;
  public final double loopMs;
  /** data-gpu: which WebGPU adapters may draw. */
  final GpuChoice gpu;
  /** data-iframe="run": draw even inside a frame, whose icon nobody sees. */
  final boolean runInFrame;
  /** data-remix="0.4": variations of the page's own icon at this strength; 0 when off. */
  public final double remix;
  /** data-mode="morph": the icon walks smoothly from seed to seed instead of redrawing every data-loop. */
  public final boolean morph;
  /** data-weights: "f16", "i8" or "i4", the weight file the engine downloads (int4 unless the tag says). */
  public final String dtype;
  /** What was wrong with the tag's attributes, each with the value used instead. */
  public final List<String> warnings;

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
    String dtype = DEFAULT_WEIGHTS;
    final List<String> warnings = new ArrayList<>();
  }

  static EmbedConfig of(Element tag) {
    return tag == null ? new EmbedConfig(new Builder()) : of(tag::getAttribute);
  }

  /** Reads a tag's settings; what is wrong is in {@link #warnings}, with the value used instead. */
  public static EmbedConfig of(Attributes tag) {
    Builder c = new Builder();
    // data-remix is the tag's own attribute (a strength; the start is the page's icon), read below.
    for (FaviconQuery.Field f : FaviconQuery.PLAIN_FIELDS) {
      String v = tag.get("data-" + f.key);
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
    String loop = tag.get("data-loop");
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
    if (tag.get("data-remix") != null) {
      String remix = tag.get("data-remix").trim();
      c.remix = remix.isEmpty() ? Limits.DEFAULT_REMIX_STRENGTH
          : number(c, tag, "data-remix", Limits.DEFAULT_REMIX_STRENGTH, Limits::checkStrength);
    }
    String mode = tag.get("data-mode");
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
    c.gpu = GpuChoice.of(tag.get("data-gpu"));
    c.runInFrame = "run".equals(tag.get("data-iframe"));
    String weights = tag.get("data-weights");
    if (weights != null && WEIGHTS.contains(weights)) {
      c.dtype = weights;
    } else if (weights != null) {
      c.warnings.add("data-weights \"" + weights + "\" is not one of " + WEIGHTS + "; using " + c.dtype);
    }
    return new EmbedConfig(c);
  }

  /**
   * The data-attributes that {@link #of} reads back to these settings, in the README's order:
   * category, steps and loop always (what a reader looks for first), the rest only where they
   * differ from the default. data-gpu and data-iframe are for tests and frames, never suggested.
   */
  public Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    FaviconQuery defaults = FaviconQuery.DEFAULT;
    for (FaviconQuery.Field f : FaviconQuery.PLAIN_FIELDS) {
      boolean always = f == FaviconQuery.Field.CATEGORY || f == FaviconQuery.Field.STEPS;
      boolean differs = !query.value(f).equals(defaults.value(f));
      if (f == FaviconQuery.Field.SEED ? seeded : always || differs) {
        a.put("data-" + f.key, query.value(f));
      }
      if (f == FaviconQuery.Field.STEPS) {
        if (fps != Limits.DEFAULT_FPS) {
          a.put("data-fps", String.valueOf(fps));
        }
        a.put("data-loop", durationText(loopMs));
      }
    }
    if (remix > 0) {
      a.put("data-remix", Limits.format(remix));
    }
    if (morph) {
      a.put("data-mode", "morph");
    }
    if (!dtype.equals(DEFAULT_WEIGHTS)) {
      a.put("data-weights", dtype);
    }
    return a;
  }

  /** The one-line tag a site pastes: {@code <script async src="SRC" data-...></script>}. */
  public String scriptTag(String src) {
    StringBuilder tag = new StringBuilder("<script async src=\"").append(escape(src)).append('"');
    for (Map.Entry<String, String> e : attributes().entrySet()) {
      tag.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    return tag.append("></script>").toString();
  }

  private static String escape(String v) {
    return v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  /** What {@link #duration} reads back: whole minutes as "2m", whole seconds as "30s", else "ms". */
  static String durationText(double ms) {
    if (ms % 60_000 == 0) {
      return Limits.format(ms / 60_000) + "m";
    }
    return ms % 1000 == 0 ? Limits.format(ms / 1000) + "s" : Limits.format(ms) + "ms";
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

  private static double number(Builder c, Attributes tag, String attr, double fallback, Check check) {
    String v = tag.get(attr);
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
