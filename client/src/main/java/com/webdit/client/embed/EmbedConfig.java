package com.webdit.client.embed;

import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.Element;

/**
 * One script tag's settings, from its data-attributes (README, "Add it to your site"), checked
 * against the shared {@link Limits} so the embed asks the server only what the server accepts.
 * Bad values fall back to the defaults with a console warning, never an exception into the host
 * page. The category stays a name until the model list says which names exist.
 */
final class EmbedConfig {
  String category = "any";
  int steps = Limits.DEFAULT_STEPS;
  int fps = Limits.DEFAULT_FPS;
  double loopMs = Limits.DEFAULT_LOOP_MS;
  long seed = -1; // -1: random
  SamplerKind sampler = Limits.DEFAULT_SAMPLER;
  float cfg = (float) Limits.DEFAULT_CFG;
  /** data-gpu: which WebGPU adapters may draw. */
  GpuChoice gpu = GpuChoice.AUTO;
  /** data-iframe="run": draw even inside a frame, whose icon nobody sees. */
  boolean runInFrame;
  /** data-remix="0.4": variations of the page's own icon at this strength; 0 when off. */
  double remix;
  /** data-mode="morph": the icon walks smoothly from seed to seed instead of redrawing every data-loop. */
  boolean morph;
  /** data-weights: "f16", "i8" or "i4", the weight file the engine downloads. */
  String dtype = "i8";
  final java.util.List<String> warnings = new java.util.ArrayList<>();

  static EmbedConfig of(Element tag) {
    EmbedConfig c = new EmbedConfig();
    if (tag == null) {
      return c;
    }
    String category = tag.getAttribute("data-category");
    if (category != null && !category.trim().isEmpty()) {
      c.category = category.trim();
    }
    c.steps = (int) c.number(tag, "data-steps", c.steps, Limits::checkSteps);
    c.fps = (int) c.number(tag, "data-fps", c.fps, Limits::checkFps);
    c.seed = (long) c.number(tag, "data-seed", -1, Limits::checkSeed);
    c.cfg = (float) c.number(tag, "data-cfg", c.cfg, Limits::checkCfg);
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
          : c.number(tag, "data-remix", Limits.DEFAULT_REMIX_STRENGTH, Limits::checkStrength);
    }
    String mode = tag.getAttribute("data-mode");
    if (mode != null) {
      if ("morph".equals(mode.trim())) {
        c.morph = true;
      } else if (!"loop".equals(mode.trim())) {
        c.warnings.add("data-mode \"" + mode + "\" is neither loop nor morph; using loop");
      }
    }
    if (c.morph && c.sampler == SamplerKind.DDPM) {
      // DDPM adds fresh noise at every step: neighbouring frames would not be neighbours.
      c.warnings.add("data-mode=\"morph\" needs a deterministic sampler; using " + Limits.DEFAULT_SAMPLER.wireName
          + " instead of ddpm");
      c.sampler = Limits.DEFAULT_SAMPLER;
    }
    c.gpu = GpuChoice.of(tag.getAttribute("data-gpu"));
    c.runInFrame = "run".equals(tag.getAttribute("data-iframe"));
    String weights = tag.getAttribute("data-weights");
    if ("f16".equals(weights) || "i8".equals(weights) || "i4".equals(weights)) {
      c.dtype = weights;
    }
    return c;
  }

  /**
   * Which WebGPU adapters may draw (data-gpu). A software adapter (SwiftShader, llvmpipe, WARP)
   * costs a visitor a pegged CPU core for tens of seconds per favicon, so by default it, and any
   * adapter whose first generation takes more than EmbedApp.SLOW_MS_PER_STEP per step, is left
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

  private double number(Element tag, String attr, double fallback, Check check) {
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
    warnings.add(attr + ": " + problem + "; using " + (fallback < 0 ? "a random one" : String.valueOf(fallback)));
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
