package com.webdit.client.demo;

import com.webdit.client.embed.EmbedConfig;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLButtonElement;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLInputElement;
import elemental2.dom.HTMLOptionElement;
import elemental2.dom.HTMLSelectElement;
import elemental2.dom.ImageData;
import elemental2.dom.URLSearchParams;
import jsinterop.base.Js;

/**
 * The demo page's elements: what it shows and what the visitor set. State also lives in data
 * attributes, so the Selenium tests read exactly what a visitor sees.
 */
final class DemoPage {
  private final Element status = byId("status");
  private final Element adapter = byId("adapter");
  private final Element model = byId("model");
  private final Element profile = byId("profile");
  private final Element download = byId("download");
  private FaviconQuery urlQuery = FaviconQuery.DEFAULT;
  final HTMLCanvasElement preview = Js.uncheckedCast(byId("preview"));
  final HTMLSelectElement category = Js.uncheckedCast(byId("category"));
  final HTMLInputElement seed = Js.uncheckedCast(byId("seed"));
  final HTMLSelectElement sampler = Js.uncheckedCast(byId("sampler"));
  final HTMLInputElement steps = Js.uncheckedCast(byId("steps"));
  final HTMLInputElement cfg = Js.uncheckedCast(byId("cfg"));
  final HTMLInputElement pause = Js.uncheckedCast(byId("pause"));
  final HTMLButtonElement generate = Js.uncheckedCast(byId("generate"));
  final HTMLButtonElement loop = Js.uncheckedCast(byId("loop"));
  final HTMLButtonElement galleryButton = Js.uncheckedCast(byId("gallery-button"));
  final HTMLButtonElement downloadButton = Js.uncheckedCast(byId("download-button"));
  final Element share = byId("share");
  final HTMLInputElement remixFile = Js.uncheckedCast(byId("remix-file"));
  final HTMLCanvasElement remixSource = Js.uncheckedCast(byId("remix-source"));
  final HTMLButtonElement remixClear = Js.uncheckedCast(byId("remix-clear"));
  final HTMLInputElement strength = Js.uncheckedCast(byId("strength"));
  final HTMLButtonElement morph = Js.uncheckedCast(byId("morph"));

  static Element byId(String id) {
    Element e = DomGlobal.document.getElementById(id);
    if (e == null) {
      throw new IllegalStateException("the page lacks #" + id);
    }
    return e;
  }

  /**
   * Puts the URL's favicon query (?seed=&category=&steps=&sampler=&cfg=, read by the one rule; a
   * value it refuses keeps the default) and ?pause= into the controls. The category is selected
   * once the model's names are known ({@link #showCategories}).
   */
  void readUrl() {
    URLSearchParams q = new URLSearchParams(DomGlobal.location.search);
    for (FaviconQuery.Field f : FaviconQuery.PLAIN_FIELDS) {
      try {
        urlQuery = urlQuery.with(f, q.get(f.key));
      } catch (FaviconQuery.BadParameter e) {
        DomGlobal.console.warn("WebDiT: ?" + f.key + ": " + e.getMessage() + "; using the default");
      }
    }
    seed.value = String.valueOf(urlQuery.seed);
    steps.value = String.valueOf(urlQuery.steps);
    cfg.value = Limits.format(urlQuery.cfg);
    sampler.value = urlQuery.sampler.wireName;
    String p = q.get("pause");
    if (p != null && !p.isEmpty()) {
      pause.value = p;
    }
    // A link with settings (the share link) opens them; a visitor who lands on / sees the product first.
    Js.asPropertyMap(byId("advanced")).set("open", !DomGlobal.location.search.isEmpty());
  }

  /** A gallery icon was picked: its category and seed become the controls' values. */
  void pick(String categoryName, long seedValue) {
    category.value = categoryName;
    seed.value = String.valueOf(seedValue);
  }

  /** The loop's pause between favicons, in seconds: the demo's own setting (the embed has data-loop). */
  static final double DEFAULT_PAUSE_S = 2;
  static final double MAX_PAUSE_S = 600;

  /**
   * Ranges and defaults of the controls from the shared Limits (the server and the embed check
   * the same ones), the sampler menu from SamplerKind with the default first; called before
   * {@link #readUrl}, which puts the URL's values over the defaults.
   */
  void showLimits() {
    range(seed, 0, Limits.MAX_SEED, Limits.DEFAULT_SEED);
    range(steps, Limits.MIN_STEPS, Limits.MAX_STEPS, Limits.DEFAULT_STEPS);
    range(cfg, Limits.MIN_CFG, Limits.MAX_CFG, Limits.DEFAULT_CFG);
    range(pause, 0, MAX_PAUSE_S, DEFAULT_PAUSE_S);
    sampler.innerHTML = "";
    addSampler(Limits.DEFAULT_SAMPLER);
    for (SamplerKind k : SamplerKind.values()) {
      if (k != Limits.DEFAULT_SAMPLER) {
        addSampler(k);
      }
    }
    showRemixLimits();
  }

  private static void range(HTMLInputElement input, double min, double max, double value) {
    input.min = Limits.format(min);
    input.max = Limits.format(max);
    input.value = Limits.format(value);
  }

  private void addSampler(SamplerKind k) {
    HTMLOptionElement o = Js.uncheckedCast(DomGlobal.document.createElement("option"));
    o.value = k.wireName;
    o.textContent = k.displayName;
    sampler.appendChild(o);
  }

  /** The strength slider's range and default, from the shared limits; ?strength= from the URL. */
  private void showRemixLimits() {
    strength.min = String.valueOf(Limits.MIN_REMIX_STRENGTH);
    strength.max = "1";
    strength.step = "0.05";
    strength.value = String.valueOf(Limits.DEFAULT_REMIX_STRENGTH);
    String wanted = urlParam("strength");
    if (wanted != null && Limits.checkStrength(parse(wanted)) == null) {
      strength.value = wanted;
    }
  }

  double strengthValue() {
    double v = parse(strength.value);
    return Limits.checkStrength(v) == null ? v : Limits.DEFAULT_REMIX_STRENGTH;
  }

  /** ?mode=morph in the URL: start morphing. */
  boolean morphWanted() {
    return "morph".equals(urlParam("mode"));
  }

  void showMorphing(boolean on) {
    morph.setAttribute("aria-pressed", String.valueOf(on));
    morph.textContent = on ? "Stop morph" : "Morph";
  }

  /** Shows the remix's start image as the model sees it (32x32), or hides it (null). */
  void showRemixSource(float[] image, int size) {
    Js.asPropertyMap(remixSource).set("hidden", image == null);
    Js.asPropertyMap(remixClear).set("hidden", image == null);
    if (image == null) {
      remixFile.value = "";
      DomGlobal.document.body.removeAttribute("data-remix");
      return;
    }
    int[] rgba = com.webdit.shared.sampling.Pixels.toRgba8(image, size);
    CanvasRenderingContext2D ctx = Js.uncheckedCast(remixSource.getContext("2d"));
    ImageData img = ctx.createImageData(size, size);
    for (int i = 0; i < rgba.length; i++) {
      img.data.setAt(i, (double) rgba[i]);
    }
    ctx.putImageData(img, 0, 0);
    DomGlobal.document.body.setAttribute("data-remix", "ready");
  }

  /** ?loop=0 in the URL: start with the loop stopped. */
  boolean loopWanted() {
    return !"0".equals(urlParam("loop"));
  }

  void showLooping(boolean looping) {
    loop.textContent = looping ? "Stop loop" : "Start loop";
  }

  /** Fills the category menu from the model's own names and selects the URL's (or the query default, "any"). */
  void showCategories(Categories cats) {
    category.innerHTML = "";
    for (int i = 0; i <= cats.size(); i++) {
      HTMLOptionElement o = Js.uncheckedCast(DomGlobal.document.createElement("option"));
      o.value = cats.name(i);
      o.textContent = i < cats.size() ? cats.name(i) : "any (unconditional)";
      category.appendChild(o);
    }
    int label;
    try {
      label = urlQuery.label(cats);
    } catch (FaviconQuery.BadParameter e) {
      DomGlobal.console.warn("WebDiT: ?category: " + e.getMessage() + "; using any");
      label = cats.size();
    }
    category.value = cats.name(label);
  }

  static String urlParam(String key) {
    return new URLSearchParams(DomGlobal.location.search).get(key);
  }

  /**
   * The shareable URL of the current settings (the loop's pause and state too), also put in the
   * address bar; unchanged while the controls hold a value the query refuses.
   */
  void shareUrl(Categories cats, boolean looping, String weights) {
    FaviconQuery q;
    try {
      q = query(cats);
    } catch (FaviconQuery.BadParameter e) {
      return;
    }
    String query = "?" + q.toQuery() + "&pause=" + enc(pause.value) + (looping ? "" : "&loop=0")
        + ("true".equals(morph.getAttribute("aria-pressed")) ? "&mode=morph" : "");
    if (!weights.equals(EmbedConfig.DEFAULT_WEIGHTS)) {
      query += "&weights=" + enc(weights);
    }
    String url = DomGlobal.location.pathname + query;
    Js.asPropertyMap(share).set("href", url);
    if (!url.equals(DomGlobal.location.pathname + DomGlobal.location.search)) {
      DomGlobal.history.replaceState(null, "", url); // a trip to the browser process: only for a new URL
    }
  }

  private static String enc(String v) {
    return elemental2.core.Global.encodeURIComponent(v == null ? "" : v.trim());
  }

  /**
   * What the controls ask for, read by the one favicon query rule (typed values trimmed), with the
   * category spelled as the model names it.
   *
   * @throws FaviconQuery.BadParameter naming the first control that holds a bad value
   */
  FaviconQuery query(Categories cats) {
    return FaviconQuery.parse(key -> {
      switch (key) {
        case "seed":
          return seed.value.trim();
        case "category":
          return category.value;
        case "steps":
          return steps.value.trim();
        case "sampler":
          return sampler.value;
        case "cfg":
          return cfg.value.trim();
        default:
          return null; // the demo's remix is drawn on the GPU from its own file input, not from the query
      }
    }).canonical(cats);
  }

  private static double parse(String text) {
    try {
      return text == null || text.trim().isEmpty() ? Double.NaN : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  double numberValue(HTMLInputElement input, double fallback, double min, double max) {
    try {
      double v = Double.parseDouble(input.value.trim());
      return v < min || v > max || Double.isNaN(v) ? fallback : v;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  void showStatus(String state, String text) {
    status.setAttribute("data-state", state);
    status.textContent = text;
  }

  void showAdapter(String label, boolean software) {
    adapter.textContent = label;
    adapter.setAttribute("data-software", String.valueOf(software));
  }

  void showModel(String text) {
    model.textContent = text;
  }

  void showProgress(double loaded, double total) {
    Js.asPropertyMap(download).set("hidden", loaded >= total);
    Js.asPropertyMap(download).set("value", total > 0 ? loaded / total : 0);
  }

  void showProfile(String text, int dispatches) {
    profile.textContent = text;
    profile.setAttribute("data-dispatches", String.valueOf(dispatches));
  }

  void enableControls(boolean enabled) {
    generate.disabled = !enabled;
    loop.disabled = !enabled;
    galleryButton.disabled = !enabled;
    downloadButton.disabled = !enabled;
  }

  /** Remix and morph need the engine on this page's GPU: the server draws plain favicons only. */
  void enableGpuControls(boolean enabled) {
    remixFile.disabled = !enabled;
    strength.disabled = !enabled;
    morph.disabled = !enabled;
    String why = enabled ? "" : "needs WebGPU on this device";
    morph.title = enabled ? morph.title : why;
    remixFile.title = why;
  }

  String finishedState() {
    String s = DomGlobal.document.body.getAttribute("data-webdit");
    return s == null ? "" : s;
  }

  void finished(String state) {
    DomGlobal.document.body.setAttribute("data-webdit", state);
  }

  void countGeneration() {
    String n = DomGlobal.document.body.getAttribute("data-generations");
    int count = n == null ? 0 : Integer.parseInt(n);
    DomGlobal.document.body.setAttribute("data-generations", String.valueOf(count + 1));
  }
}
