package com.webdit.client;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLButtonElement;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLInputElement;
import elemental2.dom.HTMLSelectElement;
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
  private final Element step = byId("step");
  private final Element download = byId("download");
  final HTMLCanvasElement preview = Js.uncheckedCast(byId("preview"));
  final HTMLCanvasElement gallery = Js.uncheckedCast(byId("gallery"));
  final HTMLSelectElement category = Js.uncheckedCast(byId("category"));
  final HTMLInputElement seed = Js.uncheckedCast(byId("seed"));
  final HTMLSelectElement sampler = Js.uncheckedCast(byId("sampler"));
  final HTMLInputElement steps = Js.uncheckedCast(byId("steps"));
  final HTMLInputElement cfg = Js.uncheckedCast(byId("cfg"));
  final HTMLInputElement pause = Js.uncheckedCast(byId("pause"));
  final HTMLButtonElement generate = Js.uncheckedCast(byId("generate"));
  final HTMLButtonElement loop = Js.uncheckedCast(byId("loop"));
  final HTMLButtonElement galleryButton = Js.uncheckedCast(byId("gallery-button"));
  final Element share = byId("share");

  static Element byId(String id) {
    Element e = DomGlobal.document.getElementById(id);
    if (e == null) {
      throw new IllegalStateException("the page lacks #" + id);
    }
    return e;
  }

  /** Copies ?seed=&category=&sampler=&steps=&cfg=&pause= from the URL into the controls. */
  void readUrl() {
    URLSearchParams q = new URLSearchParams(DomGlobal.location.search);
    copy(q, "seed", seed);
    copy(q, "steps", steps);
    copy(q, "cfg", cfg);
    copy(q, "pause", pause);
    String c = q.get("category");
    if (c != null && !c.isEmpty()) {
      category.value = c;
    }
    String s = q.get("sampler");
    if (s != null && !s.isEmpty()) {
      sampler.value = s;
    }
  }

  private static void copy(URLSearchParams q, String key, HTMLInputElement input) {
    String v = q.get(key);
    if (v != null && !v.isEmpty()) {
      input.value = v;
    }
  }

  static String urlParam(String key) {
    return new URLSearchParams(DomGlobal.location.search).get(key);
  }

  /** The shareable URL of the current settings; also put in the address bar. */
  String shareUrl() {
    String query = "?seed=" + seed.value + "&category=" + category.value + "&sampler=" + sampler.value + "&steps="
        + steps.value + "&cfg=" + cfg.value;
    String url = DomGlobal.location.pathname + query;
    Js.asPropertyMap(share).set("href", url);
    DomGlobal.history.replaceState(null, "", url);
    return url;
  }

  int intValue(HTMLInputElement input, int fallback, int min, int max) {
    try {
      long v = Long.parseLong(input.value.trim());
      return v < min || v > max ? fallback : (int) v;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  int categoryValue(int nullLabel) {
    try {
      int v = Integer.parseInt(category.value);
      return v < 0 || v > nullLabel ? nullLabel : v;
    } catch (NumberFormatException e) {
      return nullLabel;
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

  void showAdapter(String description, boolean shaderF16) {
    adapter.textContent = description + (shaderF16 ? " (shader-f16)" : " (no shader-f16)");
  }

  void showModel(String text) {
    model.textContent = text;
  }

  void showProgress(double loaded, double total) {
    Js.asPropertyMap(download).set("hidden", loaded >= total);
    Js.asPropertyMap(download).set("value", total > 0 ? loaded / total : 0);
  }

  void showStep(int k, int n) {
    step.textContent = "step " + k + "/" + n;
  }

  void showProfile(String text, int dispatches) {
    profile.textContent = text;
    profile.setAttribute("data-dispatches", String.valueOf(dispatches));
  }

  void enableControls(boolean enabled) {
    generate.disabled = !enabled;
    loop.disabled = !enabled;
    galleryButton.disabled = !enabled;
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
